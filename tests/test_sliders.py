"""softmax_lib.sliders: a slider that redraws one figure (the browser test moves real ones)."""

import pytest
from ipywidgets import FloatSlider, IntSlider

from softmax_lib.sliders import STATIC_NOTE, interactive_figure


def recording_draw(calls):
    def draw(fig, **values):
        calls.append(values)
        fig.subplots().plot([0, 1], [0, sum(values.values())])
        return f"values {values}"

    return draw


def test_draws_once_at_start_then_again_on_every_move_with_the_new_values():
    calls = []
    view = interactive_figure(
        recording_draw(calls), T=FloatSlider(value=1.0, min=0.1, max=5.0), k=IntSlider(value=2)
    )
    assert calls == [{"T": 1.0, "k": 2}]
    view.sliders["T"].value = 3.0
    view.sliders["k"].value = 5
    assert calls[1:] == [{"T": 3.0, "k": 2}, {"T": 3.0, "k": 5}]


def test_one_figure_cleared_before_each_draw_so_nothing_piles_up():
    view = interactive_figure(recording_draw([]), T=FloatSlider(value=1.0))
    figure = view.figure
    for value in (0.2, 0.4, 0.6):
        view.sliders["T"].value = value
    assert view.figure is figure and len(figure.axes) == 1
    picture, text = view.output.outputs  # the latest picture and text only
    assert "image/png" in picture["data"] and text["text"] == "values {'T': 0.6}\n"


def test_the_sliders_sit_above_the_output():
    view = interactive_figure(recording_draw([]), T=FloatSlider(), k=IntSlider())
    assert view.children == (view.sliders["T"], view.sliders["k"], view.output)


def test_without_a_kernel_it_says_it_is_interactive():
    bundle = interactive_figure(recording_draw([]), T=FloatSlider())._repr_mimebundle_()
    assert bundle["text/plain"] == STATIC_NOTE
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_needs_a_slider():
    with pytest.raises(ValueError, match="at least one slider"):
        interactive_figure(recording_draw([]))
