package ai.healthflow.batch.report;

import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.GlyphLayoutFontManager;
import org.openpdf.text.pdf.GlyphLayoutManager;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfPageEventHelper;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.text.Bidi;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PDF through OpenPDF: a landscape A4 table whose header row repeats on every page, the report's title, data
 * scope and parameters on the first page, and on every page a footer with the title, the generation time and
 * "page X of Y".
 *
 * <p>Arabic: text with Arabic letters is laid out by OpenPDF's {@link GlyphLayoutManager} (Java's text layout:
 * shaping into joined letter forms and the bidirectional order); in an Arabic report the columns run from right
 * to left and text aligns right. Text without any right-to-left letter takes the plain font path, which is
 * faster and looks the same. Memory stays bounded: the
 * table is handed to the document every {@link #FLUSH_ROWS} rows and written out page by page.
 */
public final class PdfReportRenderer implements ReportRenderer {
    static final int FLUSH_ROWS = 200;
    private static final float CELL_SIZE = 8f;
    private static final float FOOTER_SIZE = 7f;
    private static final Color HEADER_FILL = new Color(0xE6, 0xE6, 0xE6);

    private final ReportFonts fonts;

    public PdfReportRenderer(ReportFonts fonts) {
        this.fonts = fonts;
    }

    @Override
    public long render(ReportContext context, RowSource rows, OutputStream out) throws IOException {
        boolean rtl = context.language().rightToLeft();
        Fonts f = new Fonts(fonts);
        Document document = new Document(PageSize.A4.rotate(), 28, 28, 28, 36);
        try {
            // before getInstance: the writer copies the layout manager from the document when it is created
            document.setGlyphLayoutManager(f.layout);
            PdfWriter writer = PdfWriter.getInstance(document, out);
            writer.setCloseStream(false);
            writer.setPageEvent(new Footer(context, f));
            document.addTitle(context.title());
            document.addCreator("HealthFlow");
            document.open();
            firstPage(document, context, f);
            List<ReportColumn> columns = context.definition().columns();
            int n = columns.size();
            PdfPTable table = new PdfPTable(n);
            table.setWidthPercentage(100);
            float[] widths = new float[n];
            for (int i = 0; i < n; i++) {
                widths[rtl ? n - 1 - i : i] = columns.get(i).width();
            }
            table.setWidths(widths);
            table.setHeaderRows(1);
            table.setComplete(false);
            PdfPCell defaults = table.getDefaultCell();
            defaults.setPadding(2.5f);
            defaults.setBorderWidth(0.4f);
            defaults.setBorderColor(Color.GRAY);
            for (int c = 0; c < n; c++) {
                ReportColumn column = columns.get(rtl ? n - 1 - c : c);
                PdfPCell cell = new PdfPCell(f.phrase(column.header().in(context.language()), true));
                cell.setBackgroundColor(HEADER_FILL);
                cell.setPadding(3f);
                cell.setBorderWidth(0.4f);
                cell.setBorderColor(Color.GRAY);
                cell.setHorizontalAlignment(rtl ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
                table.addCell(cell);
            }
            int[] alignments = new int[n];
            for (int i = 0; i < n; i++) {
                boolean number = columns.get(i).type().numeric();
                alignments[i] = number ? (rtl ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT)
                        : (rtl ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
            }
            long[] pending = {0};
            long count = rows.forEach(values -> {
                for (int c = 0; c < n; c++) {
                    int i = rtl ? n - 1 - c : c;
                    defaults.setHorizontalAlignment(alignments[i]);
                    table.addCell(f.phrase(DisplayText.forPeople(columns.get(i), values[i], context), false));
                }
                if (++pending[0] == FLUSH_ROWS) {
                    pending[0] = 0;
                    add(document, table);
                }
            });
            if (count == 0) {
                table.setHeaderRows(0); // a table of header rows only would not be drawn at all
            }
            table.setComplete(true);
            add(document, table);
            if (count == 0) {
                Paragraph none = new Paragraph(f.phrase(context.word(ReportContext.Word.NO_ROWS), false));
                none.setAlignment(rtl ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
                add(document, none);
            }
            document.close();
            out.flush();
            return count;
        } catch (DocumentException e) {
            throw new IOException("Could not write the PDF of report " + context.definition().id(), e);
        } finally {
            if (document.isOpen()) {
                document.close();
            }
        }
    }

    /**
     * Title, description, then a small label/value table (generation time, data scope, rows, parameters): a
     * value sits in a cell of its own, so a date or an English value is never reordered into an Arabic label.
     */
    private static void firstPage(Document document, ReportContext context, Fonts f) {
        boolean rtl = context.language().rightToLeft();
        int align = rtl ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT;
        Paragraph title = new Paragraph(f.phrase(context.title(), f.title));
        title.setAlignment(align);
        title.setSpacingAfter(4f);
        add(document, title);
        if (context.definition().description() != null) {
            Paragraph description = new Paragraph(f.phrase(context.definition().description().in(context.language()), false));
            description.setAlignment(align);
            description.setSpacingAfter(4f);
            add(document, description);
        }
        PdfPTable info = new PdfPTable(2);
        info.setWidthPercentage(70);
        info.setHorizontalAlignment(align);
        try {
            info.setWidths(rtl ? new float[]{4, 1.4f} : new float[]{1.4f, 4});
        } catch (DocumentException e) {
            throw new IllegalStateException(e);
        }
        info.getDefaultCell().setBorder(Rectangle.NO_BORDER);
        info.getDefaultCell().setPadding(1.5f);
        info.getDefaultCell().setHorizontalAlignment(align);
        info(info, rtl, f, context.word(ReportContext.Word.GENERATED), context.generatedText());
        if (context.scope() != null) {
            info(info, rtl, f, context.word(ReportContext.Word.SCOPE), context.scope().in(context.language()));
        }
        if (context.expectedRows() >= 0) {
            info(info, rtl, f, context.word(ReportContext.Word.ROWS), Long.toString(context.expectedRows()));
        }
        List<Map.Entry<String, String>> parameters = context.parameterLines();
        if (parameters.isEmpty()) {
            info(info, rtl, f, context.word(ReportContext.Word.PARAMETERS), context.word(ReportContext.Word.NONE));
        }
        for (Map.Entry<String, String> parameter : parameters) {
            info(info, rtl, f, parameter.getKey(), parameter.getValue());
        }
        info.setSpacingAfter(8f);
        add(document, info);
    }

    private static void info(PdfPTable table, boolean rtl, Fonts f, String label, String value) {
        Phrase labelPhrase = f.phrase(label, true);
        Phrase valuePhrase = f.phrase(value, false);
        table.addCell(rtl ? valuePhrase : labelPhrase);
        table.addCell(rtl ? labelPhrase : valuePhrase);
    }

    private static void add(Document document, Element element) {
        try {
            document.add(element);
        } catch (DocumentException e) {
            throw new IllegalStateException("Could not add to the PDF", e);
        }
    }

    /** Does the text need the glyph layout (any right-to-left letter: Arabic, Hebrew, Syriac, Thaana, N'Ko …)? */
    static boolean needsLayout(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\u0590' && (c <= '\u08FF' || c >= '\uFB1D' && c <= '\uFEFC')) {
                return true;
            }
        }
        return false;
    }

    /**
     * The fonts of one document: laid-out (for right-to-left text) and plain, regular and bold. A document with a
     * glyph layout manager sends every font to it and refuses fonts it did not load; ours answers "not mine" for
     * the plain fonts instead, so Latin text and numbers keep OpenPDF's fast path.
     */
    private static final class Fonts {
        final GlyphLayoutManager layout;
        final Font shapedRegular;
        final Font shapedBold;
        final Font plainRegular;
        final Font plainBold;
        final Font title;
        final Font shapedTitle;
        final Font footer;
        final Font shapedFooter;

        Fonts(ReportFonts files) {
            try {
                Set<BaseFont> shaped = Collections.newSetFromMap(new IdentityHashMap<>());
                layout = new BidiLayout(shaped);
                shapedRegular = layout.loadFont(files.regularName(), new ByteArrayInputStream(files.regular()), CELL_SIZE);
                shapedBold = layout.loadFont(files.boldName(), new ByteArrayInputStream(files.bold()), CELL_SIZE);
                shaped.add(shapedRegular.getBaseFont());
                shaped.add(shapedBold.getBaseFont());
                // not cached: a cached instance would be the very BaseFont the layout manager loaded
                BaseFont regular = BaseFont.createFont(files.regularName(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED,
                        false, files.regular(), null);
                BaseFont bold = BaseFont.createFont(files.boldName(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED,
                        false, files.bold(), null);
                plainRegular = new Font(regular, CELL_SIZE);
                plainBold = new Font(bold, CELL_SIZE);
                title = new Font(bold, 14f);
                shapedTitle = new Font(shapedBold.getBaseFont(), 14f);
                footer = new Font(regular, FOOTER_SIZE, Font.NORMAL, Color.DARK_GRAY);
                shapedFooter = new Font(shapedRegular.getBaseFont(), FOOTER_SIZE, Font.NORMAL, Color.DARK_GRAY);
            } catch (GlyphLayoutFontManager.FontLoadException | DocumentException | IOException e) {
                throw new IllegalStateException("Could not load the report fonts", e);
            }
        }

        Phrase phrase(String text, boolean bold) {
            boolean shaped = needsLayout(text);
            return new Phrase(text, bold ? (shaped ? shapedBold : plainBold) : (shaped ? shapedRegular : plainRegular));
        }

        /** A phrase in a given plain font, or its laid-out twin when the text needs it. */
        Phrase phrase(String text, Font plain) {
            if (!needsLayout(text)) {
                return new Phrase(text, plain);
            }
            return new Phrase(text, plain == title ? shapedTitle : plain == footer ? shapedFooter : shapedRegular);
        }
    }

    /**
     * OpenPDF's glyph layout with two corrections. It lays out only the fonts loaded through it (the plain fonts
     * are "not mine" instead of an error). And a line that mixes directions ("بانادول 12", "صفحة 3 من") is cut
     * into Unicode bidi runs put in visual order by {@link Bidi#reorderVisually} and each run laid out in its own
     * direction: OpenPDF's own split only reverses the run list and lays every run out in the default direction,
     * which turns 12 into 21 in a right-to-left line. OpenPDF calls this once per line after breaking lines, which
     * is where the bidi algorithm belongs. One instance per document (not thread-safe).
     */
    private static final class BidiLayout extends GlyphLayoutManager {
        private final Set<BaseFont> shaped;
        private int forcedDirection = -1;

        BidiLayout(Set<BaseFont> shaped) {
            super(new GlyphLayoutFontManager());
            this.shaped = shaped;
            // a piece of text takes its base direction from its first strong letter, in either language
            setDefaultBidiDirection(Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT);
        }

        @Override
        public boolean supportsFont(BaseFont font) {
            return shaped.contains(font);
        }

        @Override
        protected int computeBidiFlags(String text) {
            return forcedDirection >= 0 ? forcedDirection : super.computeBidiFlags(text);
        }

        @Override
        protected boolean ifMixedThenDivideTextAndShow(PdfContentByte canvas, BaseFont font, float size, String text) {
            if (forcedDirection >= 0) {
                return false; // one run of a divided line
            }
            char[] chars = text.toCharArray();
            if (!Bidi.requiresBidi(chars, 0, chars.length)) {
                return false;
            }
            Bidi bidi = new Bidi(text, Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT);
            if (!bidi.isMixed()) {
                return false;
            }
            int count = bidi.getRunCount();
            byte[] levels = new byte[count];
            Integer[] runs = new Integer[count];
            for (int i = 0; i < count; i++) {
                levels[i] = (byte) bidi.getRunLevel(i);
                runs[i] = i;
            }
            Bidi.reorderVisually(levels, 0, runs, 0, count);
            for (Integer run : runs) {
                forcedDirection = (bidi.getRunLevel(run) & 1) == 1 ? java.awt.Font.LAYOUT_RIGHT_TO_LEFT
                        : java.awt.Font.LAYOUT_LEFT_TO_RIGHT;
                try {
                    showText(canvas, font, size, text.substring(bidi.getRunStart(run), bidi.getRunLimit(run)));
                } finally {
                    forcedDirection = -1;
                }
            }
            return true;
        }
    }

    /**
     * Every page's footer: title and generation time on one side, "page X of Y" on the other. Y is unknown until
     * the end, so it is a template filled in when the document closes.
     */
    private static final class Footer extends PdfPageEventHelper {
        private static final float TOTAL_WIDTH = 28f;
        private final ReportContext context;
        private final Fonts fonts;
        private PdfTemplate total;

        Footer(ReportContext context, Fonts fonts) {
            this.context = context;
            this.fonts = fonts;
        }

        @Override
        public void onOpenDocument(PdfWriter writer, Document document) {
            total = writer.getDirectContent().createTemplate(TOTAL_WIDTH, FOOTER_SIZE + 3);
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte canvas = writer.getDirectContent();
            Rectangle page = document.getPageSize();
            float y = document.bottomMargin() - 18;
            float left = document.leftMargin();
            float right = page.getWidth() - document.rightMargin();
            boolean rtl = context.language().rightToLeft();
            String about = context.title() + " · " + context.word(ReportContext.Word.GENERATED) + ":";
            String pageOf = context.word(ReportContext.Word.PAGE) + " " + writer.getPageNumber() + " "
                    + context.word(ReportContext.Word.OF);
            canvas.setLineWidth(0.3f);
            canvas.setColorStroke(Color.GRAY);
            canvas.moveTo(left, y + FOOTER_SIZE + 4);
            canvas.lineTo(right, y + FOOTER_SIZE + 4);
            canvas.stroke();
            Phrase aboutPhrase = fonts.phrase(about, fonts.footer);
            Phrase generated = new Phrase(context.generatedText(), fonts.footer);
            if (rtl) {
                // right to left: title and label at the right margin, the time to their left; at the left margin,
                // "صفحة X من" with the total to its left
                ColumnText.showTextAligned(canvas, Element.ALIGN_RIGHT, aboutPhrase, right, y, 0);
                ColumnText.showTextAligned(canvas, Element.ALIGN_RIGHT, generated,
                        right - ColumnText.getWidth(aboutPhrase) - 3, y, 0);
                ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, fonts.phrase(pageOf, fonts.footer),
                        left + TOTAL_WIDTH + 2, y, 0);
                canvas.addTemplate(total, left, y - 2);
            } else {
                ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, aboutPhrase, left, y, 0);
                ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, generated,
                        left + ColumnText.getWidth(aboutPhrase) + 3, y, 0);
                ColumnText.showTextAligned(canvas, Element.ALIGN_RIGHT, fonts.phrase(pageOf, fonts.footer),
                        right - TOTAL_WIDTH - 2, y, 0);
                canvas.addTemplate(total, right - TOTAL_WIDTH, y - 2);
            }
        }

        @Override
        public void onCloseDocument(PdfWriter writer, Document document) {
            int pages = writer.getPageNumber() - 1;
            boolean rtl = context.language().rightToLeft();
            ColumnText.showTextAligned(total, rtl ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT,
                    new Phrase(Integer.toString(pages), fonts.footer), rtl ? TOTAL_WIDTH - 2 : 0, 2, 0);
        }
    }
}
