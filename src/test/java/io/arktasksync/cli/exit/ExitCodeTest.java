package io.arktasksync.cli.exit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.BeanCreationException;

class ExitCodeTest {

    @ParameterizedTest
    @CsvSource({
            "3D000, DATABASE_UNAVAILABLE", // no such database
            "28000, DATABASE_UNAVAILABLE", // no such role
            "28P01, DATABASE_UNAVAILABLE", // wrong password
            "08001, DATABASE_UNAVAILABLE", // connection refused
            "57P01, DATABASE_UNAVAILABLE", // administrator shutdown
            "42P01, FAILED", // undefined table: a bug or a foreign schema, not the database's availability
            "23505, FAILED" })
    void shouldClassifyAStartUpFailureByItsSqlState(String sqlState, ExitCode expected) {
        // given: how a connection failure reaches the application, deep inside bean creation
        Exception failure = new BeanCreationException("flywayInitializer",
                "Error creating bean", new SQLException("FATAL: ...", sqlState));

        // when
        ExitCode code = ExitCode.forFailure(failure);

        // then
        assertThat(code).isEqualTo(expected);
    }
}
