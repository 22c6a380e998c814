package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.MapViewport;

import javafx.scene.canvas.GraphicsContext;

/** Something a side-panel view draws on the map, such as job stops or a replayed track. */
interface MapOverlay {

    /** Draws on top of the vehicles, on the FX thread; {@code viewport} converts positions to pixels. */
    void draw(GraphicsContext gc, MapViewport viewport);
}
