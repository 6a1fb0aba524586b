using System.Globalization;
using System.Net;
using System.Text;
using CsCheck;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;
using SmsContacts.Web.Infrastructure.Csv;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// Random contact tables written by CsvHelper in random dialects (delimiter, text qualifier, line ends, encoding, byte
/// order mark, header or not, quoting only where needed or always, values holding delimiters, both quote characters
/// and line breaks), imported through the wizard and the job: every record is counted and every value stored exactly, and
/// the status page's sums hold (lines of the file = header + blank + continuation lines + records; records = outcomes).
/// </summary>
public class ImportDialectPropertyTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>
{
    private const string Ascii = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .-&";

    /// <summary>In Windows-1252, Mac Roman and DOS 437 alike, so a single-byte file can hold them.</summary>
    private const string Latin = "éüñçÅÄö";

    private const string Unicode = "ΖωήЖ李😀";

    private const string Syntax = ",;|\t'\"";

    private sealed record Dialect(char Delimiter, TextQualifier Qualifier, string NewLine, string Encoding, bool Bom, bool Header, bool QuoteAll);

    private sealed record Row(int Number, string FirstName, string LastName, string Notes);

    /// <summary>
    /// Plain text, or text with delimiters, quotes (and, in notes, line breaks); never an apostrophe where our formula guard
    /// puts one (first, or after a separator before a formula-like character): the import reads those as our exports' guard
    /// and drops them on purpose, so such a value is not the same value after the round trip.
    /// </summary>
    private static Gen<string> Value(string alphabet, bool lineBreaks)
    {
        var plain = alphabet.EnumerateRunes().Select(r => r.ToString()).ToArray();
        var tricky = plain.Concat(Syntax.Select(c => c.ToString())).Concat(lineBreaks ? ["\n", "\r\n"] : []).ToArray();
        return Gen.OneOf(Gen.OneOf(plain).Array[0, 12], Gen.OneOf(tricky).Array[0, 12])
            .Select(parts => string.Concat(parts).Trim(' ', '\t', '\r', '\n'))
            .Where(v => CsvFormulaGuard.Restore(v) == v);
    }

    private static readonly Gen<Dialect> Dialects =
        from delimiter in Gen.OneOf(',', ';', '\t', '|')
        from qualifier in Gen.OneOf(TextQualifier.DoubleQuotes, TextQualifier.SingleQuotes)
        from newLine in Gen.OneOf("\r\n", "\n", "\r")
        from encoding in Gen.OneOf(ImportEncodings.Utf8, ImportEncodings.Utf16, ImportEncodings.Utf16BigEndian, ImportEncodings.Windows1252, ImportEncodings.MacRoman, ImportEncodings.Dos437)
        from bom in Gen.Bool
        from header in Gen.Bool
        from quoteAll in Gen.Bool
        select new Dialect(delimiter, qualifier, newLine, encoding, bom && encoding is ImportEncodings.Utf8 or ImportEncodings.Utf16 or ImportEncodings.Utf16BigEndian, header, quoteAll);

    private static Gen<(Dialect Dialect, Row[] Rows)> Tables =>
        from dialect in Dialects
        let alphabet = Ascii + Latin + (dialect.Encoding is ImportEncodings.Windows1252 or ImportEncodings.MacRoman or ImportEncodings.Dos437 ? "" : Unicode)
        from count in Gen.Int[1, 12]
        from numbers in Gen.Int[0, 9999].HashSet[count, count]
        from names in Gen.Select(Value(alphabet, false), Value(alphabet, false), Value(alphabet, true)).Array[count, count]
        select (dialect, numbers.Zip(names, (n, v) => new Row(n, v.Item1, v.Item2, v.Item3)).ToArray());

    [Fact]
    public async Task EveryRandomTable_InEveryDialect_ImportsEveryRecord_AndStoresEveryValueExactly()
    {
        var app = fixture.App;
        await Tables.SampleAsync(
            async table =>
            {
                var (dialect, rows) = table;
                var code = await fixture.NewSenderCodeAsync();
                var list = await app.Data.ListAsync(code.Id, "Property");
                var notes = await app.WithDbAsync(async db =>
                {
                    var field = new CustomFieldDefinition { SenderCodeId = code.Id, Name = "Notes", Type = CustomFieldType.Text, CreatedUtc = DateTime.UtcNow };
                    db.CustomFields.Add(field);
                    await db.SaveChangesAsync();
                    return field.Id;
                });
                var driver = await ImportDriver.StartAsync(app, code);

                var importId = await driver.UploadOkAsync("random.csv", Write(dialect, rows));
                var settings = ImportDriver.Settings(list.Id);
                settings["Encoding"] = dialect.Encoding;
                settings["Delimiter"] = DelimiterNames.Of(dialect.Delimiter);
                settings["HasTextQualifier"] = "true";
                settings["TextQualifier"] = dialect.Qualifier.ToString();
                settings["FirstLineHasColumnNames"] = dialect.Header ? "true" : "false";
                var saved = await driver.SettingsAsync(importId, settings);
                Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
                var started = await driver.LayoutAsync(importId, new() { [0] = ImportFields.PhoneKey, [1] = "first_name", [2] = "last_name", [3] = $"custom:{notes}" });
                Assert.True(started.StatusCode == HttpStatusCode.Redirect, await started.Content.ReadAsStringAsync());
                await driver.RunJobAsync(importId);

                var import = await driver.RecordAsync(importId);
                var rejected = await app.WithDbAsync(db => db.ImportRejectedRows.Where(r => r.ImportId == importId).Select(r => r.LineNumber + ": " + r.Reason).ToListAsync());
                Assert.True(
                    (import.Counts.Processed, import.Counts.OptedIn, import.Counts.Rejected, import.Counts.HeaderLines, import.Counts.BlankLines, import.Counts.WarningRows) == (rows.Length, rows.Length, 0, dialect.Header ? 1 : 0, 0, 0),
                    $"{import.Status} {import.Error}: processed {import.Counts.Processed}, opted-in {import.Counts.OptedIn}, rejected {import.Counts.Rejected} [{string.Join("; ", rejected)}], header {import.Counts.HeaderLines}, blank {import.Counts.BlankLines}, warnings {import.Counts.WarningRows}");

                await ImportReconciliation.AssertAsync(driver, import);

                var stored = await app.WithDbAsync(db => db.Contacts.AsNoTracking().Include(c => c.CustomFieldValues).Where(c => c.SenderCodeId == code.Id).ToDictionaryAsync(c => c.Phone));
                Assert.Equal(rows.Length, stored.Count);
                foreach (var row in rows)
                {
                    var contact = stored[Phone(row.Number)];
                    Assert.Equal(NullIfEmpty(row.FirstName), contact.FirstName);
                    Assert.Equal(NullIfEmpty(row.LastName), contact.LastName);
                    Assert.Equal(NullIfEmpty(row.Notes), contact.CustomFieldValues.SingleOrDefault(v => v.FieldId == notes)?.Value);
                }
            },
            iter: 60,
            threads: 1,
            print: t => $"{t.Dialect} {string.Join(" / ", t.Rows.Select(r => $"[{r.FirstName}|{r.LastName}|{r.Notes}]"))}".Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal));
    }

    private static string Phone(int n) => $"+1415555{n:D4}";

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>
    /// CsvHelper writes double quotes only; a single-quote file is the double-quote file of the table with ' and " swapped
    /// in every value, with the two swapped back in the whole output: the same escaping, with the other character.
    /// </summary>
    private static byte[] Write(Dialect dialect, Row[] rows)
    {
        string Swap(string value) => dialect.Qualifier == TextQualifier.SingleQuotes
            ? string.Concat(value.Select(c => c switch { '\'' => '"', '"' => '\'', _ => c }))
            : value;

        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default with
        {
            Separator = dialect.Delimiter,
            NewLine = dialect.NewLine,
            Quoting = dialect.QuoteAll ? CsvQuoting.Always : CsvQuoting.WhenNeeded,
        }, leaveOpen: true))
        {
            if (dialect.Header)
            {
                foreach (var name in new[] { "Phone", "First Name", "Last Name", "Notes" })
                {
                    csv.WriteField(name);
                }

                csv.EndRecord();
            }

            foreach (var row in rows)
            {
                csv.WriteField(Phone(row.Number));
                csv.WriteField(Swap(row.FirstName));
                csv.WriteField(Swap(row.LastName));
                csv.WriteField(Swap(row.Notes));
                csv.EndRecord();
            }
        }

        var output = Swap(text.ToString());
        var encoding = ImportEncodings.Get(dialect.Encoding);
        byte[] bom = dialect.Encoding == ImportEncodings.Utf8 ? [0xEF, 0xBB, 0xBF] : encoding.GetPreamble();
        return dialect.Bom ? [.. bom, .. encoding.GetBytes(output)] : encoding.GetBytes(output);
    }
}
