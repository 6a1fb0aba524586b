using System.Globalization;
using AngleSharp.Dom;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// The two sums of Contact Import Status, checked as a person would: lines of the file = header + blank + continuation
/// lines + records, and records read (Processed) = Opted-in + Updated + Unchanged + Opted out + Ignored + Skipped +
/// Rejected + Duplicates; in the database, in the table's numbers and in the sentences that spell them out.
/// </summary>
public static class ImportReconciliation
{
    public static async Task AssertAsync(ImportDriver driver, ImportRecord import)
    {
        Assert.True(import.Status == ImportStatus.Completed, $"{import.Status}: {import.Error}");
        Assert.Equal(import.Counts.Processed, import.Counts.AccountedFor);
        Assert.True(import.Counts.FileLines > 0, "the file's lines were not counted");
        Assert.Equal(import.Counts.FileLines, import.Counts.HeaderLines + import.Counts.BlankLines + import.Counts.ContinuationLines + import.Counts.Processed);

        var page = await driver.Client.GetPageAsync($"/imports/{import.Id}");
        var table = page.QuerySelector("table.import-counts")!;
        Assert.Equal(import.Counts.FileLines, Count(table, "file-lines"));
        Assert.Equal(import.Counts.HeaderLines, Count(table, "header-lines"));
        Assert.Equal(import.Counts.BlankLines, Count(table, "blank-lines"));
        Assert.Equal(import.Counts.Processed, Count(table, "records"));
        Assert.Equal(import.Counts.Processed, Count(table, "processed"));
        Assert.Equal(import.Counts.WarningRows, Count(table, "warning-rows"));
        foreach (var total in new[] { "file-lines", "processed" })
        {
            var parts = table.QuerySelectorAll($"[data-part-of={total}]").Select(Number).ToList();
            Assert.True(parts.Count >= 3, $"{total} has {parts.Count} parts");
            Assert.Equal(Count(table, total), parts.Sum());
        }

        // "Processed = Opted-in + ...: 8 = 5 + ..." in words and in numbers, the same numbers as the table.
        foreach (var (sentence, total) in new[] { ("#lines-reconciliation", "file-lines"), ("#records-reconciliation", "processed") })
        {
            var text = page.QuerySelector(sentence)!.TextContent;
            var numbers = text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().TrimEnd('.').Split(['=', '+'], StringSplitOptions.TrimEntries)
                .Select(n => int.Parse(n, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(numbers[0], numbers.Skip(1).Sum());
            Assert.Equal(Count(table, total), numbers[0]);
            Assert.Equal(table.QuerySelectorAll($"[data-part-of={total}]").Select(Number), numbers.Skip(1));
        }
    }

    private static int Count(IElement table, string name) => Number(table.QuerySelector($"[data-count={name}]")!);

    private static int Number(IElement cell) => int.Parse(cell.TextContent.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}
