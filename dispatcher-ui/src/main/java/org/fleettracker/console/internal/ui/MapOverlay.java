package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.MapViewport;

import javafx.scene.canvas.GraphicsContext;

/** A layer that a view draws over the vehicles, below the scale bar, legend and attribution. */
@FunctionalInterface
interface MapOverlay {

    /** Draws the layer for {@code viewport} in the theme's {@code colours}, on the FX thread, when the map redraws. */
    void draw(GraphicsContext gc, MapViewport viewport, Palette.MapColours colours);
}
