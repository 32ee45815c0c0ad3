package io.arktasksync.prices;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an assumption list: the header {@code account,model,with_video_input,note}, then one assumption per line. An
 * empty {@code account} or {@code model} means every account or model (both empty: every task, the least specific
 * assumption); {@code with_video_input} is {@code true} or {@code false}; {@code note} is
 * free text, may be empty, and takes the rest of the line (commas included). Lines starting with {@code #} and blank
 * lines are skipped. Every line is checked before anything is written; two lines for one account and model are
 * refused, as they would overwrite each other.
 */
final class PriceAssumptionCsv {

    static final String HEADER = "account,model,with_video_input,note";

    private PriceAssumptionCsv() {
    }

    /** @throws IllegalArgumentException one line naming the file's line and what is wrong */
    static List<PriceAssumption> parse(String file, List<String> lines) {
        List<PriceAssumption> assumptions = new ArrayList<>();
        Set<List<String>> scopes = new HashSet<>();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "assumptions: " + file + " line " + (i + 1) + ": ";
            if (!header) {
                if (!line.replace(" ", "").equals(HEADER)) {
                    throw new IllegalArgumentException(where + "the first line must be the header " + HEADER);
                }
                header = true;
                continue;
            }
            PriceAssumption assumption = assumption(where, line.split(",", 4));
            if (!scopes.add(Arrays.asList(assumption.account(), assumption.model()))) {
                throw new IllegalArgumentException(where + "a second line for account '"
                        + (assumption.account() == null ? "" : assumption.account()) + "' and model '"
                        + (assumption.model() == null ? "" : assumption.model()) + "'");
            }
            assumptions.add(assumption);
        }
        if (!header) {
            throw new IllegalArgumentException("assumptions: " + file + " has no header line " + HEADER);
        }
        return assumptions;
    }

    private static PriceAssumption assumption(String where, String[] fields) {
        if (fields.length < 3) {
            throw new IllegalArgumentException(where + "expected at least 3 fields (" + HEADER + "), found "
                    + fields.length);
        }
        String account = fields[0].strip();
        String model = fields[1].strip();
        String flag = fields[2].strip();
        String note = fields.length == 4 ? fields[3].strip() : "";
        if (!flag.equals("true") && !flag.equals("false")) {
            throw new IllegalArgumentException(where + "with_video_input '" + flag + "' is not true or false");
        }
        return new PriceAssumption(account.isEmpty() ? null : account, model.isEmpty() ? null : model,
                Boolean.parseBoolean(flag), note.isEmpty() ? null : note);
    }
}
