using System.Globalization;
using System.Text;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// The duplicate rule: a number's last VALID row wins. A later row of the same number that the import rejects (a short row
/// without a mapped cell, a bad email, a bad date, a stray quote) supersedes nothing, so nothing is lost; every earlier
/// valid row is a duplicate. Random files of a few numbers, each spelled several ways (with +1, typed, bare digits, with
/// our export's apostrophe before a formula-like cell), rows valid or broken in each of those ways, checked against a model of the rule: the first
/// pass (PhonePass, sorting in memory or in runs on disk) against the reader's rules, and the whole job end to end.
/// </summary>
public class ImportLastValidRowTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "smscontacts-tests", "last-valid-" + Guid.NewGuid().ToString("N"));

    public enum Kind
    {
        Valid,
        ShortRow,
        BadEmail,
        BadDate,
        StrayQuote,
        BadPhone,
    }

    private sealed record Row(int Number, int Spelling, Kind Kind, string Name);

    private static readonly Gen<Row[]> Files =
        from count in Gen.Int[1, 14]
        from rows in Gen.Select(Gen.Int[0, 3], Gen.Int[0, 4], Gen.Frequency((6, Gen.Const(Kind.Valid)), (1, Gen.Enum<Kind>())), Gen.Int[0, 999]).Array[count, count]
        select rows.Select(r => new Row(r.Item1, r.Item2, r.Item3, $"N{r.Item4}")).ToArray();

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string Phone(int number, int spelling)
    {
        var e164 = TestPhones.Us(7000 + number);
        return spelling switch
        {
            0 => e164,
            1 => TestPhones.UsTyped(7000 + number),
            2 => e164[2..],
            3 => "'+1 " + TestPhones.UsTyped(7000 + number),
            _ => $"1-{e164[2..5]}-{e164[5..8]}-{e164[8..]}",
        };
    }

    private static string Csv(Row[] rows)
    {
        var csv = new StringBuilder("Phone,First Name,Email,Birthday\n");
        foreach (var row in rows)
        {
            var phone = row.Kind == Kind.BadPhone ? "12345" : Phone(row.Number, row.Spelling);
            csv.Append(row.Kind switch
            {
                Kind.ShortRow => $"{phone},{row.Name}",
                Kind.BadEmail => $"{phone},{row.Name},not-an-email,1990-01-01",
                Kind.BadDate => $"{phone},{row.Name},a@example.com,1990-13-45",
                Kind.StrayQuote => $"{phone},\"{row.Name},a@example.com,1990-01-01",
                _ => $"{phone},{row.Name},a@example.com,1990-01-01",
            }).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>The rule: rows (1-based) that a later valid row of the same number supersedes.</summary>
    private static List<long> Superseded(Row[] rows) =>
        Enumerable.Range(0, rows.Length)
            .Where(i => rows[i].Kind == Kind.Valid && rows.Skip(i + 1).Any(r => r.Kind == Kind.Valid && r.Number == rows[i].Number))
            .Select(i => (long)i + 1)
            .ToList();

    [Fact]
    public void ThePhonePass_SupersedesOnlyValidRows_ByALaterValidRow_InMemoryAndOnDisk()
    {
        Directory.CreateDirectory(_folder);
        Files.Sample(
            rows =>
            {
                var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.csv");
                File.WriteAllText(path, Csv(rows));
                var plan = new ImportPlan(Guid.NewGuid(), 1, new ImportSettings(), null, "US", 0,
                    [new MappedColumn(1, Target("first_name", nameof(Contact.FirstName))), new MappedColumn(2, Target("email", nameof(Contact.Email))), new MappedColumn(3, Target("birthday", nameof(Contact.Birthday)))],
                    0, "user", "user@example.com")
                {
                    Path = path,
                    Today = new DateOnly(2026, 11, 20),
                };
                foreach (var inMemory in new[] { 1_000_000, 2 })
                {
                    var pass = PhonePass.Run(plan, inMemory, _folder, default);
                    var superseded = Enumerable.Range(1, rows.Length).Select(r => (long)r).Where(pass.IsSuperseded).ToList();
                    Assert.Equal(Superseded(rows), superseded);
                    Assert.Equal(superseded.Count, pass.Duplicates);
                }

                File.Delete(path);
            },
            iter: 600,
            threads: 1,
            print: rows => Csv(rows));
    }

    [Fact]
    public async Task TheImport_KeepsEachNumbersLastValidRow_AndReportsEveryOtherRowWithItsOwnReason()
    {
        var app = fixture.App;
        await Files.SampleAsync(
            async rows =>
            {
                var code = await fixture.NewSenderCodeAsync();
                var list = await app.Data.ListAsync(code.Id, "Last valid");
                var import = await QueuedImports.QueueAndRunAsync(app, code.Id, list, Csv(rows), [ImportFields.PhoneKey, "first_name", "email", "birthday"]);

                var superseded = Superseded(rows);
                var winners = rows.Select((r, i) => (Row: r, Line: i + 2L)).Where(x => x.Row.Kind == Kind.Valid).GroupBy(x => x.Row.Number).ToDictionary(g => TestPhones.Us(7000 + g.Key), g => g.Last().Row.Name);
                var rejected = rows.Count(r => r.Kind != Kind.Valid);
                Assert.True(import.Status == ImportStatus.Completed, import.Error);
                Assert.Equal((rows.Length, winners.Count, rejected, superseded.Count), (import.Counts.Processed, import.Counts.OptedIn, import.Counts.Rejected, import.Counts.Duplicates));
                Assert.Equal(import.Counts.Processed, import.Counts.AccountedFor);

                var stored = await app.WithDbAsync(db => db.Contacts.AsNoTracking().Where(c => c.SenderCodeId == code.Id).ToDictionaryAsync(c => c.Phone, c => c.FirstName));
                Assert.Equal(winners.OrderBy(w => w.Key).Select(w => $"{w.Key}={w.Value}"), stored.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"));

                var report = await app.WithDbAsync(db => db.ImportRejectedRows.AsNoTracking().Where(r => r.ImportId == import.Id).OrderBy(r => r.LineNumber).ToListAsync());
                Assert.Equal(superseded.Select(r => r + 1), report.Where(r => r.Reason == ImportFileReader.DuplicateReason).Select(r => r.LineNumber));
                Assert.Equal(
                    rows.Select((r, i) => (r.Kind, Line: i + 2L)).Where(x => x.Kind != Kind.Valid).Select(x => x.Line),
                    report.Where(r => r.Reason != ImportFileReader.DuplicateReason).Select(r => r.LineNumber));
                Assert.All(report.Where(r => r.Reason != ImportFileReader.DuplicateReason), r => Assert.Equal(rows[(int)r.LineNumber - 2].Kind, KindOf(r.Reason)));
            },
            iter: 60,
            threads: 1,
            print: rows => Csv(rows));
    }

    private static Kind KindOf(string reason) => reason switch
    {
        _ when reason.StartsWith("The row has", StringComparison.Ordinal) => Kind.ShortRow,
        _ when reason.StartsWith("Email", StringComparison.Ordinal) => Kind.BadEmail,
        _ when reason.StartsWith("Birthday", StringComparison.Ordinal) => Kind.BadDate,
        _ when reason == ImportFileReader.UnclosedQuoteReason => Kind.StrayQuote,
        _ => Kind.BadPhone,
    };

    private static ImportTarget Target(string key, string column) => new(key, key, column, null, null);
}
