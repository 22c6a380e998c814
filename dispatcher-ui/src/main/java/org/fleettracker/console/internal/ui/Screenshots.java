package org.fleettracker.console.internal.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Writes a PNG of a whole scene. */
public final class Screenshots {

    private Screenshots() {}

    /**
     * Snapshots {@code scene} and writes it to {@code file} as PNG, creating missing folders. Call on the FX thread.
     *
     * @throws IOException when the file cannot be written
     */
    public static void write(Scene scene, Path file) throws IOException {
        WritableImage image = scene.snapshot(null);
        // Opaque RGB: the premultiplied ARGB image that SwingFXUtils returns can come out with wrong colours.
        BufferedImage rgb =
                new BufferedImage((int) image.getWidth(), (int) image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(SwingFXUtils.fromFXImage(image, null), 0, 0, null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(rgb, "png", file.toFile())) {
            throw new IOException("No PNG writer is available to write " + file);
        }
    }
}
