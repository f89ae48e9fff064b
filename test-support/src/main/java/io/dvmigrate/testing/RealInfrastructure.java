package io.dvmigrate.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension for plain (non-Quarkus) tests: parameters of type {@link KafkaBootstrap} and
 * {@link TestInfrastructure.Database} receive the shared broker and database, started on first use.
 */
public class RealInfrastructure implements ParameterResolver {
    /** The bootstrap servers of the shared broker. */
    public record KafkaBootstrap(String servers) {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaBootstrap.class || type == TestInfrastructure.Database.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBootstrap.class
                ? new KafkaBootstrap(TestInfrastructure.kafkaBootstrap())
                : TestInfrastructure.database();
    }
}
