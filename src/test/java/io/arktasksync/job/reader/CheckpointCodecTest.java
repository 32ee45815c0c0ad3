package io.arktasksync.job.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

class CheckpointCodecTest {

    private final CheckpointCodec codec = new CheckpointCodec("taskPageReader.");

    @Test
    void shouldReadBackWhatItWrote() {
        // given
        ReaderCheckpoint checkpoint = new ReaderCheckpoint(
                List.of(new ListingSlice(null, null, List.of(), "default"),
                        new ListingSlice("queued", "m\tx,y", List.of(), "default", 1_700_000_000L)),
                1, 7, 100, 1234, List.of(5, 3), List.of("0\tstatus\tqueued\t1\t-1\t1234\t"));
        ExecutionContext context = new ExecutionContext();

        // when
        codec.write(checkpoint, context);

        // then
        assertThat(codec.read(context, List.of(), 500)).contains(checkpoint);
    }

    @Test
    void shouldReadNothingFromAFreshContextAndDefaultWhatOlderVersionsDidNotSave() {
        // given a context as the reader before page-size learning saved it
        ExecutionContext context = new ExecutionContext();
        context.putInt("taskPageReader.slice.index", 0);
        context.putInt("taskPageReader.slice.page", 3);
        List<ListingSlice> planned = List.of(new ListingSlice(null, null, List.of(), "flex"));

        // then
        assertThat(codec.read(new ExecutionContext(), planned, 500)).isEmpty();
        assertThat(codec.read(context, planned, 500)).contains(
                new ReaderCheckpoint(planned, 0, 3, 500, -1, List.of(), List.of()));
    }
}
