package ai.healthflow.batch.report;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class XlsxReportRendererTest {

    static XSSFWorkbook render(XlsxReportRenderer renderer, ReportLanguage language, RowSource rows) throws Exception {
        var out = new ByteArrayOutputStream();
        renderer.render(Fixtures.context(language, -1), rows, out);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void typedCellsFrozenHeaderAutofilterAndWidths() throws Exception {
        try (XSSFWorkbook workbook = render(new XlsxReportRenderer(), ReportLanguage.EN, Fixtures.rows(10))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(2);
            XSSFSheet data = workbook.getSheet("Data");
            assertThat(data.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Trade name");
            assertThat(data.getRow(0).getCell(0).getCellStyle().getFont().getBold()).isTrue();
            assertThat(data.getPaneInformation().isFreezePane()).isTrue();
            assertThat(data.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(data.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:H11");
            assertThat(data.getColumnWidth(0)).isEqualTo(22 * 256);
            assertThat(data.isRightToLeft()).isFalse();

            var row = data.getRow(4); // the fourth data row: i = 3
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("Panadol 3");
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo("بانادول 3");
            assertThat(row.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(3.0);
            assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(3.5);
            assertThat(row.getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(row.getCell(4))).isTrue();
            assertThat(row.getCell(4).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2024, 1, 4, 0, 0));
            assertThat(row.getCell(4).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(row.getCell(5).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 11, 1, 9, 18));
            assertThat(row.getCell(6).getCellType()).isEqualTo(CellType.BOOLEAN);
            assertThat(row.getCell(6).getBooleanCellValue()).isTrue();
            assertThat(row.getCell(7).getStringCellValue()).isEqualTo("Registered");
        }
    }

    @Test
    void coverSheetComesFirstWithParametersScopeRowsAndGenerationTime() throws Exception {
        try (XSSFWorkbook workbook = render(new XlsxReportRenderer(), ReportLanguage.EN, Fixtures.rows(7))) {
            XSSFSheet cover = workbook.getSheetAt(0);
            assertThat(cover.getSheetName()).isEqualTo("Cover");
            String text = sheetText(cover);
            assertThat(text).contains("Sample medicines").contains("Generated | 2026-11-22 10:30:00 (Africa/Cairo)")
                    .contains("Data scope | All tenants").contains("Status | registered").contains("From | 2026-10-23");
            assertThat(text).contains("Rows | 7.0");
        }
    }

    @Test
    void anArabicReportReadsRightToLeft() throws Exception {
        try (XSSFWorkbook workbook = render(new XlsxReportRenderer(), ReportLanguage.AR, Fixtures.rows(3))) {
            XSSFSheet cover = workbook.getSheet("الغلاف");
            XSSFSheet data = workbook.getSheet("البيانات");
            assertThat(cover.isRightToLeft()).isTrue();
            assertThat(data.isRightToLeft()).isTrue();
            assertThat(data.getRow(0).getCell(1).getStringCellValue()).isEqualTo("الاسم التجاري");
            assertThat(data.getRow(1).getCell(7).getStringCellValue()).isEqualTo("مسحوب");
            assertThat(sheetText(cover)).contains("أدوية تجريبية").contains("نطاق البيانات | جميع الجهات")
                    .contains("الحالة | registered");
        }
    }

    @Test
    void rowsBeyondASheetContinueOnTheNextWithTheHeader() throws Exception {
        try (XSSFWorkbook workbook = render(new XlsxReportRenderer(4), ReportLanguage.EN, Fixtures.rows(10))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(4);
            XSSFSheet third = workbook.getSheet("Data 3");
            assertThat(third.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Trade name");
            assertThat(third.getRow(1).getCell(0).getStringCellValue()).isEqualTo("Panadol 8");
            assertThat(third.getLastRowNum()).isEqualTo(2);
            assertThat(third.getCTWorksheet().getAutoFilter().getRef()).isEqualTo(new CellRangeAddress(0, 2, 0, 7).formatAsString());
        }
    }

    @Test
    void anEmptyReportStillHasItsHeader() throws Exception {
        try (XSSFWorkbook workbook = render(new XlsxReportRenderer(), ReportLanguage.EN, h -> 0)) {
            XSSFSheet data = workbook.getSheet("Data");
            assertThat(data.getLastRowNum()).isZero();
            assertThat(data.getRow(0).getCell(7).getStringCellValue()).isEqualTo("Status");
            assertThat(sheetText(workbook.getSheet("Cover"))).contains("Rows | 0.0");
        }
    }

    static String sheetText(XSSFSheet sheet) {
        StringBuilder text = new StringBuilder();
        sheet.forEach(row -> {
            StringBuilder line = new StringBuilder();
            row.forEach(cell -> {
                if (!line.isEmpty()) {
                    line.append(" | ");
                }
                line.append(cell.getCellType() == CellType.NUMERIC ? String.valueOf(cell.getNumericCellValue()) : cell.getStringCellValue());
            });
            text.append(line).append('\n');
        });
        return text.toString();
    }
}
