package io.vfiorig.controller.inventory;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.time.LocalDateTime;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

public class CronExpressionTest {
    // 2026-03-02 is a Monday
    private static LocalDateTime at(int day, int hour, int minute) {
        return LocalDateTime.of(2026, 3, day, hour, minute);
    }

    @Test
    public void listsRangesStepsAndNames() {
        CronExpression c = CronExpression.parse("*/15 1-3,22 * MAR-may mon-FRI");
        assertTrue(c.matches(at(2, 1, 45)));
        assertTrue(c.matches(at(6, 22, 0)));
        assertFalse(c.matches(at(2, 1, 44)), "minute 44 is not a multiple of 15");
        assertFalse(c.matches(at(7, 1, 0)), "Saturday");
        assertFalse(c.matches(LocalDateTime.of(2026, 6, 1, 1, 0)), "June");
        assertTrue(CronExpression.parse("0 0 * * 7").matches(at(1, 0, 0)), "7 is Sunday");
        assertTrue(CronExpression.parse("0 0 * * 0").matches(at(1, 0, 0)), "0 is Sunday");
        assertTrue(CronExpression.parse("5/20 * * * *").matches(at(2, 3, 45)), "a/n runs from a to the end");
        assertEquals(CronExpression.parse("  0   2 * * *  ").toString(), "0 2 * * *");
    }

    @Test
    public void restrictedDayFieldsMatchEitherAsVixieCronDoes() {
        CronExpression c = CronExpression.parse("0 0 13 * 5"); // the 13th, or any Friday
        assertTrue(c.matches(at(13, 0, 0)));
        assertTrue(c.matches(at(6, 0, 0)), "a Friday that is not the 13th");
        assertFalse(c.matches(at(12, 0, 0)));
        CronExpression d = CronExpression.parse("0 0 13 * *");
        assertFalse(d.matches(at(6, 0, 0)), "with day-of-week *, only the 13th");
    }

    @DataProvider
    public Object[][] invalid() {
        return new Object[][] {
                {"60 2 * * *", "field 1 (minute) of cron '60 2 * * *': 60 is out of range 0-59"},
                {"0 24 * * *", "field 2 (hour) of cron '0 24 * * *': 24 is out of range 0-23"},
                {"0 2 0 * *", "field 3 (day-of-month) of cron '0 2 0 * *': 0 is out of range 1-31"},
                {"0 2 * 13 *", "field 4 (month) of cron '0 2 * 13 *': 13 is out of range 1-12"},
                {"0 2 * * 8", "field 5 (day-of-week) of cron '0 2 * * 8': 8 is out of range 0-7"},
                {"0 2 * * FRY", "field 5 (day-of-week) of cron '0 2 * * FRY': 'FRY' is not a number or a name"},
                {"*/0 2 * * *", "field 1 (minute) of cron '*/0 2 * * *': step '*/0' must be at least 1"},
                {"0 5-1 * * *", "field 2 (hour) of cron '0 5-1 * * *': range '5-1' runs backwards"},
                {"0 1,,2 * * *", "field 2 (hour) of cron '0 1,,2 * * *': 'hour' has an empty list entry"},
                {"0 2 ? * *", "field 3 (day-of-month) of cron '0 2 ? * *': '?' is Quartz syntax, not cron"},
                {"0 2 * *", "cron '0 2 * *' has 4 fields, needs 5: minute hour day-of-month month day-of-week"},
                {"0 0 2 * * *", "cron '0 0 2 * * *' has 6 fields, needs 5: minute hour day-of-month month day-of-week (no seconds or year field)"},
                {"", "cron '' has 0 fields, needs 5: minute hour day-of-month month day-of-week"},
                {"@daily", "cron macros like '@daily' are not supported"},
                {"0 0 30 2 *", "cron '0 0 30 2 *' never fires: none of its months has any of its days of the month"},
        };
    }

    @Test(dataProvider = "invalid")
    public void saysWhichFieldIsWrong(String cron, String message) {
        BadValue e = expectThrows(BadValue.class, () -> CronExpression.parse(cron));
        assertEquals(e.getMessage(), message);
        assertFalse(e.fix().isBlank());
    }

    @Test
    public void february29IsADay() {
        assertTrue(CronExpression.parse("0 0 29 2 *").matches(LocalDateTime.of(2028, 2, 29, 0, 0)));
    }
}
