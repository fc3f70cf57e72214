package ai.healthflow.batch.analytics;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Rows written with COPY … FROM STDIN (FORMAT binary): PostgreSQL's fastest way in, no text to format or parse.
 * The caller writes each row as {@link #row(int)} followed by exactly that many fields; {@link #finish()} sends
 * the rows (in 256 kB pieces) and returns how many there were.
 */
final class BinaryCopy implements AutoCloseable {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    // sent in pieces of 256 kB: the buffer stays below G1's humongous size (half a region of 1-2 MB), so it is an
    // ordinary young allocation rather than a humongous one that starts a concurrent cycle
    private static final int FLUSH = 1 << 18;
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final CopyIn copy;
    // a plain array, not a ByteArrayOutputStream: its methods are synchronized, and a day writes millions of fields
    private byte[] buffer = new byte[FLUSH + (1 << 14)];
    private int size;
    private long rows;

    BinaryCopy(Connection connection, String table, Iterable<String> columns) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)");
        bytes(HEADER);
    }

    BinaryCopy row(int fields) throws SQLException {
        flushIfFull();
        short16(fields);
        rows++;
        return this;
    }

    /** Appends fields encoded beforehand by the {@code encode} methods (key columns repeat row after row). */
    BinaryCopy encoded(byte[] fields) {
        bytes(fields);
        return this;
    }

    /** A date field. */
    static byte[] encode(LocalDate day) {
        return ByteBuffer.allocate(8).putInt(4).putInt((int) (day.toEpochDay() - POSTGRES_EPOCH_DAY)).array();
    }

    /** A uuid field. */
    static byte[] encode(UUID id) {
        return ByteBuffer.allocate(20).putInt(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    /** Consecutive text fields. */
    static byte[] encode(String... values) {
        var out = new ByteArrayOutputStream();
        for (String value : values) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    BinaryCopy int2(short value) {
        room(6);
        INT.set(buffer, size, 2);
        SHORT.set(buffer, size + 4, value);
        size += 6;
        return this;
    }

    BinaryCopy int4(int value) {
        room(8);
        INT.set(buffer, size, 4);
        INT.set(buffer, size + 4, value);
        size += 8;
        return this;
    }

    BinaryCopy int8(long value) {
        room(12);
        INT.set(buffer, size, 8);
        LONG.set(buffer, size + 4, value);
        size += 12;
        return this;
    }

    /** Abandons the COPY if {@link #finish()} was not reached (the transaction is rolled back anyway). */
    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    long finish() throws SQLException {
        short16(-1);
        copy.writeToCopy(buffer, 0, size);
        size = 0;
        copy.endCopy();
        return rows;
    }

    private void flushIfFull() throws SQLException {
        if (size >= FLUSH) {
            copy.writeToCopy(buffer, 0, size);
            size = 0;
        }
    }

    private void room(int n) {
        if (size + n > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + n));
        }
    }

    private void bytes(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, buffer, size, b.length);
        size += b.length;
    }

    private void short16(int value) {
        room(2);
        SHORT.set(buffer, size, (short) value);
        size += 2;
    }
}
