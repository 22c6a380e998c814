package org.fleettracker.tracker.testing;

import org.fleettracker.tracker.internal.storage.Dialect;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Provides the H2 and the PostgreSQL run of a {@link DatabaseTest}. */
final class TestDatabases implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestDatabases.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod()
                .map(method -> method.isAnnotationPresent(DatabaseTest.class))
                .orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return Stream.of(new Run(Dialect.H2, System.getenv()), new Run(Dialect.POSTGRESQL, System.getenv()));
    }

    /** One run of the test on one database. */
    private record Run(Dialect dialect, Map<String, String> environment) implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + dialect.productName() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new Condition(this), new Resolver(this));
        }

        TestDatabase create() throws SQLException {
            return dialect == Dialect.H2 ? TestDatabase.h2() : TestDatabase.postgres(environment);
        }
    }

    /** Skips the PostgreSQL run when no server is configured. */
    private record Condition(Run run) implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (run.dialect() == Dialect.POSTGRESQL && !TestDatabase.postgresConfigured(run.environment())) {
                return ConditionEvaluationResult.disabled(TestDatabase.POSTGRES_MISSING);
            }
            return ConditionEvaluationResult.enabled("the database of this run is available");
        }
    }

    /**
     * Passes one {@link TestDatabase} per test method to the method and its {@code @BeforeEach} methods. The
     * method's store closes it after the test.
     */
    private record Resolver(Run run) implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestDatabase.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getStore(NAMESPACE).getOrComputeIfAbsent(TestDatabase.class, key -> {
                try {
                    return run.create();
                } catch (SQLException e) {
                    throw new ParameterResolutionException(
                            "Creating a " + run.dialect().productName() + " test database failed: " + e.getMessage(),
                            e);
                }
            });
        }
    }
}
