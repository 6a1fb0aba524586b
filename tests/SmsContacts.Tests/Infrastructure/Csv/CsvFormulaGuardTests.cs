using SmsContacts.Web.Infrastructure.Csv;

namespace SmsContacts.Tests.Infrastructure.Csv;

public sealed class CsvFormulaGuardTests
{
    [Theory]
    [InlineData("=1+2")]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData("+1.")]
    [InlineData("+1e5")]
    [InlineData("'=already")]
    [InlineData("''+1")]
    public void Neutralize_PutsAnApostropheBeforeAnythingASpreadsheetCouldRun(string value) =>
        Assert.Equal("'" + value, CsvFormulaGuard.Neutralize(value));

    [Theory]
    [InlineData("+15551234567")]
    [InlineData("+447911123456")]
    [InlineData("-12.5")]
    [InlineData("-5")]
    [InlineData("Jane")]
    [InlineData("'Tis the season")]
    [InlineData("O'Brien")]
    [InlineData("")]
    [InlineData("2026-01-01T00:00:00Z")]
    [InlineData(" =not first")]
    public void Neutralize_LeavesPlainNumbersAndTextAlone(string value) =>
        Assert.Equal(value, CsvFormulaGuard.Neutralize(value));

    [Theory]
    [InlineData("=1+2")]
    [InlineData("+15551234567")]
    [InlineData("-12.5")]
    [InlineData("'=already")]
    [InlineData("''=twice")]
    [InlineData("'")]
    [InlineData("''")]
    [InlineData("'Tis")]
    [InlineData("'+1")]
    [InlineData("@")]
    [InlineData("plain")]
    [InlineData("")]
    public void Restore_UndoesNeutralize_ForEveryValue(string value) =>
        Assert.Equal(value, CsvFormulaGuard.Restore(CsvFormulaGuard.Neutralize(value)));

    [Theory]
    [InlineData("=1+2")]
    [InlineData("+15551234567")]
    [InlineData("+1+2")]
    [InlineData("-12.5")]
    [InlineData("-1.")]
    [InlineData("'=x")]
    [InlineData("'Tis")]
    [InlineData("Zoë")]
    [InlineData("é=")]
    [InlineData("")]
    public void NeedsGuard_SaysTheSameForUtf8AsForText(string value) =>
        Assert.Equal(CsvFormulaGuard.NeedsGuard(value), CsvFormulaGuard.NeedsGuard(System.Text.Encoding.UTF8.GetBytes(value)));

    [Fact]
    public void Restore_LeavesAnApostropheAPersonTyped()
    {
        Assert.Equal("'Tis", CsvFormulaGuard.Restore("'Tis"));
        Assert.Equal("'+15551234567", CsvFormulaGuard.Restore("'+15551234567"));
    }
}
