"""Sliders that redraw a figure: the notebooks' interactive cells (teaching plumbing, no maths).

A notebook first shows a static figure, then lets the learner move a number (a temperature, a
logit, the ε of label smoothing) and watch the same figure answer::

    from ipywidgets import FloatSlider
    from softmax_lib.sliders import interactive_figure

    def draw(fig, T):
        ax = fig.subplots()
        ax.bar(range(3), softmax(z / T))
        return f"T = {T:.2f}"          # optional text shown under the figure

    interactive_figure(draw, T=FloatSlider(value=1.0, min=0.1, max=5.0, step=0.1))

Each move clears the one figure, calls `draw` again and replaces the picture and text the
output area shows in one update (no flicker, no figures piling up). Where no kernel runs the
widget (nbval, the HTML and PDF handouts, a notebook viewer) the cell shows a line saying it is
interactive instead.

Needs ipywidgets (JupyterLab 4 renders it with no extension to install).
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable

import ipywidgets as widgets
from matplotlib.figure import Figure

__all__ = ["InteractiveFigure", "interactive_figure"]

STATIC_NOTE = (
    "Interactive figure: run this cell in JupyterLab (or on Binder or Colab) and move the "
    "slider; the static figure above shows the same idea."
)


class InteractiveFigure(widgets.VBox):
    """Sliders above one figure that `draw(fig, **values)` redraws whenever a slider moves.

    Parameters
    ----------
    draw : callable
        ``draw(fig, **values)`` draws on the cleared matplotlib `Figure` `fig`, where `values`
        maps each slider's name to its value; it may return a string, printed under the figure.
    sliders : dict of str to ipywidgets.ValueWidget
        The sliders, by the name `draw` receives their value under.
    figsize : tuple of float, optional
        Width and height of the figure in inches.
    """

    def __init__(
        self,
        draw: Callable[..., str | None],
        sliders: dict[str, widgets.ValueWidget],
        figsize: tuple[float, float] = (8.0, 3.5),
    ) -> None:
        if not sliders:
            raise ValueError("interactive_figure needs at least one slider")
        self.draw = draw
        self.sliders = dict(sliders)
        self.output = widgets.Output()
        # A figure outside pyplot: shown only where we display it, never again at cell end.
        self.figure = Figure(figsize=figsize, layout="constrained")
        super().__init__([*self.sliders.values(), self.output])
        for slider in self.sliders.values():
            slider.observe(self.redraw, names="value")
        self.redraw()

    def values(self) -> dict:
        """Each slider's name and current value."""
        return {name: slider.value for name, slider in self.sliders.items()}

    def redraw(self, change=None) -> None:
        """Clear the figure, draw it for the sliders' values, and show it in place of the last."""
        self.figure.clear()
        text = self.draw(self.figure, **self.values())
        picture = io.BytesIO()
        self.figure.savefig(picture, format="png")
        shown = [
            {
                "output_type": "display_data",
                "data": {
                    "image/png": base64.b64encode(picture.getvalue()).decode("ascii"),
                    "text/plain": "<the figure>",
                },
                "metadata": {},
            }
        ]
        if text:
            shown.append({"output_type": "stream", "name": "stdout", "text": f"{text}\n"})
        # One update of the output's contents replaces picture and text at once: no flicker,
        # nothing piles up, and no output messages for a notebook runner to route.
        self.output.outputs = tuple(shown)

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = STATIC_NOTE  # what a viewer without a kernel shows
        return bundle


def interactive_figure(
    draw: Callable[..., str | None],
    *,
    figsize: tuple[float, float] = (8.0, 3.5),
    **sliders: widgets.ValueWidget,
) -> InteractiveFigure:
    """Show sliders above a figure that `draw` redraws whenever one of them moves.

    Parameters
    ----------
    draw : callable
        ``draw(fig, **values)`` draws on the cleared figure `fig`; `values` holds each slider's
        value under its keyword name. It may return a string to print under the figure.
    figsize : tuple of float, optional
        Width and height of the figure in inches.
    **sliders : ipywidgets.ValueWidget
        The sliders, e.g. ``T=FloatSlider(value=1.0, min=0.1, max=5.0)``.

    Returns
    -------
    InteractiveFigure
        The widget; as the last expression of a cell, JupyterLab shows it.

    Examples
    --------
    >>> from ipywidgets import FloatSlider
    >>> def draw(fig, T):
    ...     fig.subplots().plot([0, 1], [0, T])
    ...     return f"T = {T:.1f}"
    >>> view = interactive_figure(draw, T=FloatSlider(value=1.0, min=0.5, max=2.0))
    >>> view.sliders["T"].value = 2.0  # what moving the slider does: draw runs again
    >>> view.values()
    {'T': 2.0}
    """
    return InteractiveFigure(draw, sliders, figsize=figsize)
