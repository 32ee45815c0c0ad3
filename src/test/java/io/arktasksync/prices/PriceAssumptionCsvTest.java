package io.arktasksync.prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PriceAssumptionCsvTest {

    private static final String HEADER = "account,model,with_video_input,note";

    @Test
    void shouldReadAnAccountAModelOrBothWithANoteThatMayHoldCommasAndSkipCommentsAndBlankLines() {
        // when
        List<PriceAssumption> assumptions = PriceAssumptionCsv.parse("a.csv", List.of("# which tasks carry a video",
                HEADER, "", "team-b,,true,", ",seedance-2-0-pro,false,t2v only, no reference video",
                "team-b,seedance-2-0-pro,true", ",,false,every other task"));

        // then
        assertThat(assumptions).containsExactly(new PriceAssumption("team-b", null, true, null),
                new PriceAssumption(null, "seedance-2-0-pro", false, "t2v only, no reference video"),
                new PriceAssumption("team-b", "seedance-2-0-pro", true, null),
                new PriceAssumption(null, null, false, "every other task"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "team-b,m                 | expected at least 3 fields",
        "team-b,m,yes,            | with_video_input 'yes' is not true or false",
        "team-b,m,TRUE,           | with_video_input 'TRUE' is not true or false" })
    void shouldRefuseABadLineNamingItsLine(String line, String message) {
        // when / then
        assertThatThrownBy(() -> PriceAssumptionCsv.parse("a.csv", List.of(HEADER, "team-a,m,true,", line)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("assumptions: a.csv line 3: ")
            .hasMessageContaining(message);
    }

    @Test
    void shouldRefuseTwoLinesForOneAccountAndModelAndAFileWithoutHeader() {
        // when / then
        assertThatThrownBy(() -> PriceAssumptionCsv.parse("a.csv", List.of(HEADER, ",m,true,", " ,m,false,")))
            .hasMessage("assumptions: a.csv line 3: a second line for account '' and model 'm'");
        assertThatThrownBy(() -> PriceAssumptionCsv.parse("a.csv", List.of(",m,true,")))
            .hasMessageContaining("the first line must be the header " + HEADER);
        assertThatThrownBy(() -> PriceAssumptionCsv.parse("a.csv", List.of("# nothing")))
            .hasMessage("assumptions: a.csv has no header line " + HEADER);
    }
}
