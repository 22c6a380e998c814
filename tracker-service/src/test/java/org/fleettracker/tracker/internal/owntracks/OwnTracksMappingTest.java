package org.fleettracker.tracker.internal.owntracks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnTracksMappingTest {

    private static final String TWO_DEVICES =
            """
            # phones of the demo fleet
            devices:
              - user: alice
                device: pixel
                fleet: demo
                vehicle: alice-pixel
              - user: bob
                device: iphone
                fleet: north
                vehicle: van-7
            """;

    @TempDir
    Path folder;

    @Test
    void maps_each_user_and_device_to_its_vehicle() throws Exception {
        OwnTracksMapping mapping = OwnTracksMapping.load(write(TWO_DEVICES));

        assertThat(mapping.size()).isEqualTo(2);
        assertThat(mapping.find("alice", "pixel")).contains(new MappedVehicle("demo", "alice-pixel"));
        assertThat(mapping.find("bob", "iphone")).contains(new MappedVehicle("north", "van-7"));
    }

    @Test
    void other_device_of_a_mapped_user_is_not_mapped() throws Exception {
        OwnTracksMapping mapping = OwnTracksMapping.load(write(TWO_DEVICES));

        assertThat(mapping.find("alice", "iphone")).isEmpty();
        assertThat(mapping.find("pixel", "alice")).isEmpty();
    }

    @Test
    void missing_file_maps_no_device() throws Exception {
        OwnTracksMapping mapping = OwnTracksMapping.load(folder.resolve("absent.yaml"));

        assertThat(mapping.size()).isZero();
    }

    @Test
    void empty_file_and_empty_list_map_no_device() throws Exception {
        assertThat(OwnTracksMapping.load(write("")).size()).isZero();
        assertThat(OwnTracksMapping.load(write("devices: []\n")).size()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            bad device | devices: [{user: alice, device: my phone, fleet: demo, vehicle: v1}] | has device 'my phone'
            missing vehicle | devices: [{user: alice, device: pixel, fleet: demo}] | device entry 1 has no vehicle
            missing user | devices: [{device: pixel, fleet: demo, vehicle: v1}] | device entry 1 has no user
            unknown key            | devices: [{user: a, device: p, fleet: demo, vehicle: v1, colour: red}] | colour
            unknown top-level key  | phones: []                                                            | phones
            not yaml | 'devices: [unclosed' | not a valid mapping
            empty entry | 'devices: [null]' | device entry 1 is empty
            """)
    void invalid_file_is_rejected_with_its_fault(String name, String yaml, String fault) throws Exception {
        Path file = write(yaml);

        assertThatThrownBy(() -> OwnTracksMapping.load(file))
                .isInstanceOf(InvalidOwnTracksFileException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining(fault);
    }

    @Test
    void repeated_device_is_rejected() throws Exception {
        Path file = write("devices:\n" + entry("a", "p", "v1") + entry("a", "p", "v2"));

        assertThatThrownBy(() -> OwnTracksMapping.load(file))
                .isInstanceOf(InvalidOwnTracksFileException.class)
                .hasMessageContaining("device entry 2 repeats user 'a' with device 'p'");
    }

    @Test
    void two_devices_for_one_vehicle_are_rejected() throws Exception {
        Path file = write("devices:\n" + entry("a", "p", "v1") + entry("b", "p", "v1"));

        assertThatThrownBy(() -> OwnTracksMapping.load(file))
                .isInstanceOf(InvalidOwnTracksFileException.class)
                .hasMessageContaining("device entry 2 maps a second device to vehicle 'v1'");
    }

    @Test
    void empty_mapping_maps_nothing() {
        assertThat(OwnTracksMapping.empty().find("alice", "pixel")).isEmpty();
    }

    private static String entry(String user, String device, String vehicle) {
        return "  - {user: " + user + ", device: " + device + ", fleet: demo, vehicle: " + vehicle + "}\n";
    }

    private Path write(String yaml) throws Exception {
        Path file = folder.resolve("owntracks.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }
}
