package io.arktasksync.report;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a row of {@link ReportDao#parts}: as many keys (k0, k1, ...) as the report has dimensions. */
public class ReportPartMapper implements RowMapper<ReportPart> {

    @Override
    public ReportPart map(ResultSet rs, StatementContext ctx) throws SQLException {
        List<String> keys = new ArrayList<>();
        int columns = rs.getMetaData().getColumnCount();
        for (int i = 1; i <= columns && rs.getMetaData().getColumnLabel(i).equals("k" + keys.size()); i++) {
            keys.add(rs.getString(i));
        }
        return new ReportPart(keys, rs.getString("currency"), rs.getLong("tasks"), rs.getLong("tasks_with_usage"),
                nullableLong(rs, "completion_tokens"), nullableLong(rs, "total_tokens"), rs.getBigDecimal("cost"),
                rs.getLong("unpriced_tasks"), nullableLong(rs, "unpriced_tokens"), rs.getLong("usage_missing"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** The select list and the ordinals of {@link ReportDao#parts} for these dimensions. */
    static String keys(List<ReportGrouping> by) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < by.size(); i++) {
            keys.add(by.get(i).expression() + " AS k" + i);
        }
        return String.join(", ", keys);
    }

    static String ordinals(List<ReportGrouping> by) {
        List<String> ordinals = new ArrayList<>();
        for (int i = 1; i <= by.size() + 1; i++) {
            ordinals.add(String.valueOf(i));
        }
        return String.join(", ", ordinals);
    }
}
