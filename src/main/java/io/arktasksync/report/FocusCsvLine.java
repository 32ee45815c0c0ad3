package io.arktasksync.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A row of {@code ark.focus_costs} as a csv line in the formats FOCUS asks for: decimals as plain digits, date/times
 * as ISO 8601 in UTC ({@code 2026-11-02T00:00:00Z}), Tags as its JSON object, null as an empty field.
 */
public class FocusCsvLine implements RowMapper<String> {

    @Override
    public String map(ResultSet rs, StatementContext ctx) throws SQLException {
        List<String> fields = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            fields.add(CsvFormatter.field(switch (rs.getMetaData().getColumnType(i)) {
                case Types.NUMERIC -> rs.getBigDecimal(i) == null ? null : rs.getBigDecimal(i).toPlainString();
                case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                    OffsetDateTime time = rs.getObject(i, OffsetDateTime.class);
                    yield time == null ? null : time.toInstant().toString();
                }
                default -> rs.getString(i);
            }));
        }
        return String.join(",", fields);
    }
}
