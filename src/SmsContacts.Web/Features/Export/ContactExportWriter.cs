using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Csv;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.Export;

/// <summary>
/// Writes an export's CSV: the seed's columns in the seed's order, one row per subscription (Contacts)
/// or per contact (Opted-Out), then one column per custom profile field.
///
/// It streams: the rows come off the same filtered query the grid pages through, ordered by contact,
/// and the custom field values come off a second reader in the same order and are merged in as the
/// rows pass, so memory stays flat whether the export has ten rows or a million. Reads are
/// synchronous on purpose: this runs on a background job's own thread, where an await per row buys
/// nothing and costs time.
/// </summary>
public sealed class ContactExportWriter(ContactRepository contacts, AppDbContext db, IServiceScopeFactory scopes)
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "Phone Number", "List Name", "Last Send Date", "Last Click Date", "Subscribe Date", "Subscribe Method",
        "Email Address", "First Name", "Last Name", "Postal Code", "Birthday", "Compliance Last Sent Date", "Keyword",
    ];

    /// <summary>Added after Keyword, before the custom fields, in an opted-out export.</summary>
    public static readonly IReadOnlyList<string> OptedOutColumns = ["Opt-out Date", "Reason"];

    /// <summary>ISO 8601, UTC, to the second: what spreadsheets and our import both read.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public const string DateFormat = "yyyy-MM-dd";

    private const int CancellationCheckInterval = 10_000;

    private static readonly Dictionary<SubscribeMethod, string> MethodNames =
        Enum.GetValues<SubscribeMethod>().ToDictionary(m => m, m => m.DisplayName());

    private static readonly Dictionary<OptOutReason, string> ReasonNames =
        Enum.GetValues<OptOutReason>().ToDictionary(r => r, r => r.DisplayName());

    /// <returns>The number of data rows written.</returns>
    public int Write(ExportRecord export, Stream destination, CancellationToken ct)
    {
        var fields = db.CustomFields.AsNoTracking()
            .Where(f => f.SenderCodeId == export.SenderCodeId)
            .OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.Name })
            .ToList();

        // Excel needs the byte order mark to read UTF-8 names correctly; our import accepts it.
        using var csv = CsvWriter.Create(destination, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true);
        var header = Columns.Concat(export.Kind == ExportKind.OptedOut ? OptedOutColumns : []).Concat(fields.Select(f => f.Name)).ToArray();
        csv.WriteHeader(header);

        // A second context: one context (and its connection) runs one query at a time.
        using var valuesScope = scopes.CreateScope();
        var valuesDb = valuesScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var values = valuesDb.CustomFieldValues.AsNoTracking()
            .Where(v => v.Field!.SenderCodeId == export.SenderCodeId)
            .OrderBy(v => v.ContactId).ThenBy(v => v.FieldId)
            .Select(v => new CustomValue(v.ContactId, v.FieldId, v.Value));
        using var custom = new CustomValueCursor(values.AsEnumerable().GetEnumerator(), fields.Select(f => f.Id).ToList());

        var rows = export.Kind == ExportKind.OptedOut
            ? WriteOptedOut(export, csv, custom, ct)
            : WriteSubscribed(export, csv, custom, ct);
        csv.Flush();
        return rows;
    }

    private int WriteSubscribed(ExportRecord export, CsvWriter csv, CustomValueCursor custom, CancellationToken ct)
    {
        var lists = db.Lists.AsNoTracking().Where(l => l.SenderCodeId == export.SenderCodeId).ToDictionary(l => l.Id, l => l.Name);
        var rows = contacts.Subscribed(export.SenderCodeId, export.ListId, export.PhoneSearch)
            .OrderBy(s => s.ContactId).ThenBy(s => s.ListId)
            .Select(s => new SubscribedExportRow(
                s.ContactId, s.Phone, s.ListId, s.SubscribedUtc, s.Method, s.Keyword,
                s.Contact!.Email, s.Contact.FirstName, s.Contact.LastName, s.Contact.PostalCode, s.Contact.Birthday,
                s.Contact.LastSendUtc, s.Contact.LastClickUtc, s.Contact.ComplianceLastSentUtc));

        var count = 0;
        foreach (var row in rows.AsEnumerable())
        {
            Text(csv, row.Phone);
            Text(csv, lists.GetValueOrDefault(row.ListId));
            Timestamp(csv, row.LastSendUtc);
            Timestamp(csv, row.LastClickUtc);
            Timestamp(csv, row.SubscribedUtc);
            csv.WriteField(MethodNames[row.Method]);
            Text(csv, row.Email);
            Text(csv, row.FirstName);
            Text(csv, row.LastName);
            Text(csv, row.PostalCode);
            Date(csv, row.Birthday);
            Timestamp(csv, row.ComplianceLastSentUtc);
            Text(csv, row.Keyword);
            WriteCustom(csv, custom.ValuesOf(row.ContactId));
            csv.EndRecord();
            if (++count % CancellationCheckInterval == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
        }

        return count;
    }

    private int WriteOptedOut(ExportRecord export, CsvWriter csv, CustomValueCursor custom, CancellationToken ct)
    {
        // An opted-out number is on no list: the subscription columns stay empty, and Opt-out Date and Reason say why.
        var rows = contacts.OptedOut(export.SenderCodeId, export.Reason, export.PhoneSearch)
            .OrderBy(c => c.Id)
            .Select(c => new OptedOutExportRow(
                c.Id, c.Phone, c.Email, c.FirstName, c.LastName, c.PostalCode, c.Birthday,
                c.LastSendUtc, c.LastClickUtc, c.ComplianceLastSentUtc, c.OptedOutUtc!.Value, c.OptOutReason!.Value));

        var count = 0;
        foreach (var row in rows.AsEnumerable())
        {
            Text(csv, row.Phone);
            csv.WriteField("");
            Timestamp(csv, row.LastSendUtc);
            Timestamp(csv, row.LastClickUtc);
            csv.WriteField("");
            csv.WriteField("");
            Text(csv, row.Email);
            Text(csv, row.FirstName);
            Text(csv, row.LastName);
            Text(csv, row.PostalCode);
            Date(csv, row.Birthday);
            Timestamp(csv, row.ComplianceLastSentUtc);
            csv.WriteField("");
            Timestamp(csv, row.OptedOutUtc);
            csv.WriteField(ReasonNames[row.Reason]);
            WriteCustom(csv, custom.ValuesOf(row.ContactId));
            csv.EndRecord();
            if (++count % CancellationCheckInterval == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
        }

        return count;
    }

    private static void WriteCustom(CsvWriter csv, string?[] values)
    {
        foreach (var value in values)
        {
            Text(csv, value);
        }
    }

    private static void Text(CsvWriter csv, string? value) =>
        csv.WriteField(value is null ? "" : CsvFormulaGuard.Neutralize(value));

    private static void Timestamp(CsvWriter csv, DateTime? utc)
    {
        if (utc is { } value)
        {
            csv.WriteField(value, TimestampFormat);
        }
        else
        {
            csv.WriteField("");
        }
    }

    private static void Date(CsvWriter csv, DateOnly? date)
    {
        if (date is { } value)
        {
            csv.WriteField(value, DateFormat);
        }
        else
        {
            csv.WriteField("");
        }
    }

    private sealed record SubscribedExportRow(
        long ContactId, string Phone, int ListId, DateTime SubscribedUtc, SubscribeMethod Method, string? Keyword,
        string? Email, string? FirstName, string? LastName, string? PostalCode, DateOnly? Birthday,
        DateTime? LastSendUtc, DateTime? LastClickUtc, DateTime? ComplianceLastSentUtc);

    private sealed record OptedOutExportRow(
        long ContactId, string Phone, string? Email, string? FirstName, string? LastName, string? PostalCode, DateOnly? Birthday,
        DateTime? LastSendUtc, DateTime? LastClickUtc, DateTime? ComplianceLastSentUtc, DateTime OptedOutUtc, OptOutReason Reason);

    private sealed record CustomValue(long ContactId, int FieldId, string Value);

    /// <summary>
    /// Walks the custom field values (ordered by contact, then field) alongside the rows (ordered by
    /// contact): a merge join, so no contact's values are ever looked up one by one or held for long.
    /// </summary>
    private sealed class CustomValueCursor(IEnumerator<CustomValue> values, IReadOnlyList<int> fieldIds) : IDisposable
    {
        private readonly Dictionary<int, int> _slotOfField = fieldIds.Select((id, slot) => (id, slot)).ToDictionary(x => x.id, x => x.slot);
        private readonly string?[] _current = new string?[fieldIds.Count];
        private long _currentContact = -1;
        private bool _started;
        private bool _done = fieldIds.Count == 0;

        /// <summary>The values of one contact, in column order. Contacts must be asked for in ascending order.</summary>
        public string?[] ValuesOf(long contactId)
        {
            if (contactId == _currentContact)
            {
                return _current;
            }

            Array.Clear(_current);
            _currentContact = contactId;
            if (!_started && !_done)
            {
                _started = true;
                _done = !values.MoveNext();
            }

            while (!_done && values.Current.ContactId < contactId)
            {
                _done = !values.MoveNext();
            }

            while (!_done && values.Current.ContactId == contactId)
            {
                if (_slotOfField.TryGetValue(values.Current.FieldId, out var slot))
                {
                    _current[slot] = values.Current.Value;
                }

                _done = !values.MoveNext();
            }

            return _current;
        }

        public void Dispose() => values.Dispose();
    }
}
