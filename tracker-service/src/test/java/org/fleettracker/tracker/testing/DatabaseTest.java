package org.fleettracker.tracker.testing;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test once on H2 and once on PostgreSQL. The test and its {@code @BeforeEach} methods take the run's {@link
 * TestDatabase} as a parameter. It is new for each run and removed after it. Without {@value TestDatabase#URL_ENV}
 * the PostgreSQL run is skipped with a message saying how to enable it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(TestDatabases.class)
public @interface DatabaseTest {}
