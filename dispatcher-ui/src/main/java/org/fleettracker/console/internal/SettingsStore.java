package org.fleettracker.console.internal;

import org.fleettracker.console.api.ConsoleSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The console's saved settings: {@code console.properties} in the data folder, with the keys of
 * {@link SavedSetting}. Passwords and tokens are never written. Other keys in the file are kept on save and ignored
 * on load.
 *
 * <p>Not thread safe; the console uses it on the FX thread and in the launcher before the toolkit starts.
 */
public final class SettingsStore {

    /** Name of the settings file in the data folder. */
    public static final String FILE_NAME = "console.properties";

    private static final Logger log = LoggerFactory.getLogger(SettingsStore.class);

    private final Path file;

    public SettingsStore(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /**
     * Reads the saved values; a missing file has none.
     *
     * @throws IOException when the file exists but cannot be read
     */
    public Map<SavedSetting, String> load() throws IOException {
        Map<SavedSetting, String> values = new EnumMap<>(SavedSetting.class);
        for (Map.Entry<String, String> entry : readProperties().entrySet()) {
            SavedSetting setting = SavedSetting.forKey(entry.getKey()).orElse(null);
            if (setting == null) {
                log.warn("Ignoring unknown key '{}' in {}", entry.getKey(), file);
            } else {
                values.put(setting, entry.getValue());
            }
        }
        return values;
    }

    /**
     * Returns {@code base} with the saved values, except those set on the command line ({@code overridden}). An
     * unreadable file is logged and skipped. A saved value that is invalid, or does not fit the other settings, is
     * an error: using the default instead would quietly show another broker or fleet than the file names.
     *
     * @throws IllegalArgumentException naming the file, the line and the rule it breaks
     */
    public ConsoleSettings applySaved(ConsoleSettings base, Set<SavedSetting> overridden) {
        Map<SavedSetting, String> saved;
        try {
            saved = load();
        } catch (IOException e) {
            log.warn("Cannot read the saved settings in {}: {}; using the defaults", file, e.getMessage());
            return base;
        }
        ConsoleSettings settings = base;
        for (Map.Entry<SavedSetting, String> entry : saved.entrySet()) {
            SavedSetting setting = entry.getKey();
            if (overridden.contains(setting)) {
                continue;
            }
            try {
                settings = setting.apply(settings, entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "saved setting " + setting.key() + "=" + entry.getValue() + " in " + file + " is invalid: "
                                + e.getMessage() + "; correct or delete that line, or give " + setting.option()
                                + " on the command line",
                        e);
            }
        }
        return settings;
    }

    /**
     * Writes the values {@code keys} of {@code settings} into the file, keeping its other entries. The new content
     * goes to a temporary file in the same folder that then replaces the old file, so a crash leaves either the
     * old or the new file, never a mix.
     *
     * @throws IOException when the folder or the file cannot be written
     */
    public void save(ConsoleSettings settings, Collection<SavedSetting> keys) throws IOException {
        Map<String, String> entries = new TreeMap<>(readProperties());
        for (SavedSetting setting : keys) {
            entries.put(setting.key(), setting.format(settings));
        }
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, FILE_NAME, ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                writer.write(text(entries));
            }
            replace(temporary);
        } finally {
            Files.deleteIfExists(temporary);
        }
        log.info("Saved console settings {} to {}", keys, file);
    }

    private Map<String, String> readProperties() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        Map<String, String> entries = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            entries.put(name, properties.getProperty(name));
        }
        return entries;
    }

    private void replace(Path temporary) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            log.debug("{} cannot be replaced atomically ({}); replacing it in place", file, e.getMessage());
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Returns the entries in key order with a header, escaped by {@link Properties#store}. */
    private static String text(Map<String, String> entries) throws IOException {
        StringBuilder text = new StringBuilder("# Dispatcher console settings; command-line options override them.\n")
                .append("# Written by the console's Settings dialog and View > Theme. Passwords are never saved.\n");
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            Properties single = new Properties();
            single.setProperty(entry.getKey(), entry.getValue());
            StringWriter line = new StringWriter();
            single.store(line, null);
            // Properties.store starts with a date comment; only the escaped entry line is kept.
            String stored = line.toString();
            text.append(stored.substring(stored.indexOf('\n') + 1));
        }
        return text.toString();
    }
}
