using System.Globalization;
using System.Security.Cryptography;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Csv;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.ConsentReceipt;

/// <summary>One event of a consent receipt, with what the history points to (the import's file and note, the inbound text).</summary>
public sealed record ReceiptEvent(
    int Number,
    DateTime OccurredUtc,
    string Change,
    string? ListName,
    string Before,
    string After,
    string Source,
    string? UserName,
    string? UserId,
    string? MessageSid,
    string? MessageText,
    Guid? ImportId,
    string? ImportFile,
    string? ConsentNote,
    string? Method);

/// <summary>A list the number is or was on, and its state there now (the last event of that list says, or the subscription).</summary>
public sealed record ReceiptList(string Name, string Status, DateTime? SinceUtc);

/// <summary>
/// Everything a consent receipt says about one number of one sender code: who it is, its state now per list, and every
/// consent event in the order it happened. <see cref="Csv"/> is its canonical text and <see cref="Digest"/> the SHA-256
/// of that text; the PDF prints the same content and the same digest.
/// </summary>
public sealed record ConsentRecord(
    string Phone,
    string SenderCode,
    string SenderCodeName,
    DateTime ContactSinceUtc,
    string StatusNow,
    IReadOnlyList<ReceiptList> Lists,
    IReadOnlyList<ReceiptEvent> Events)
{
    public const int Columns = 15;

    /// <summary>
    /// The record as CSV (RFC 4180, UTF-8 without byte order mark, CRLF line ends, every row 15 fields, text cells
    /// formula-guarded by CsvFormulaGuard), WITHOUT the digest line: rows "Consent receipt", "Phone Number", "Sender Code",
    /// "Contact since (UTC)", "Status now"; a blank row; "Lists" then one row per list (name, status now, since);
    /// a blank row; the events' header row then one row per event, oldest first. Times are ISO 8601 UTC to the second.
    /// Nothing in it depends on when or by whom it is downloaded, so the same history always gives the same bytes.
    /// </summary>
    public byte[] Csv()
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, CsvWriterOptions.Default with { WriteByteOrderMark = false, NewLine = "\r\n" }, leaveOpen: true))
        {
            Row(csv, "Consent receipt", "SmsContacts");
            Row(csv, "Phone Number", Phone);
            Row(csv, "Sender Code", SenderCode, SenderCodeName);
            Row(csv, "Contact since (UTC)", Time(ContactSinceUtc));
            Row(csv, "Status now", StatusNow);
            Row(csv);
            Row(csv, "Lists", "Status now", "Since (UTC)");
            foreach (var list in Lists)
            {
                Row(csv, list.Name, list.Status, list.SinceUtc is { } since ? Time(since) : "");
            }

            Row(csv);
            Row(csv, EventHeaders);
            foreach (var e in Events)
            {
                Row(csv, e.Number.ToString(CultureInfo.InvariantCulture), Time(e.OccurredUtc), e.Change, e.ListName, e.Before, e.After, e.Source,
                    e.UserName, e.UserId, e.MessageSid, e.MessageText, e.ImportId?.ToString(), e.ImportFile, e.ConsentNote, e.Method);
            }

            csv.Flush();
        }

        return buffer.ToArray();
    }

    /// <summary>Lower-case hex SHA-256 of <see cref="Csv"/>: the receipt CSV's bytes above its last line.</summary>
    public string Digest() => Convert.ToHexStringLower(SHA256.HashData(Csv()));

    public static readonly string[] EventHeaders =
    [
        "#", "Time (UTC)", "Change", "List", "Before", "After", "Source", "User", "User ID", "Message ID", "Message text",
        "Import ID", "Import file", "Consent note", "Subscribe method",
    ];

    /// <summary>The last line of the receipt CSV: "SHA-256" and the digest, padded to the same 15 fields.</summary>
    public byte[] DigestLine()
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, CsvWriterOptions.Default with { WriteByteOrderMark = false, NewLine = "\r\n" }, leaveOpen: true))
        {
            Row(csv, "SHA-256", Digest());
            csv.Flush();
        }

        return buffer.ToArray();
    }

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Row(CsvWriter csv, params string?[] cells)
    {
        for (var i = 0; i < Columns; i++)
        {
            csv.WriteField(i < cells.Length ? CsvFormulaGuard.Neutralize(cells[i] ?? "") : "");
        }

        csv.EndRecord();
    }
}

/// <summary>Reads a consent record: one contact of the sender code (null when there is no such contact there).</summary>
public sealed class ConsentRecords(AppDbContext db)
{
    public async Task<ConsentRecord?> ReadAsync(int senderCodeId, long contactId, CancellationToken ct)
    {
        var contact = await db.Contacts.AsNoTracking()
            .Include(c => c.Subscriptions).ThenInclude(s => s.List)
            .AsSplitQuery() // One statement would build every subscription with its list first (see ContactSelection).
            .SingleOrDefaultAsync(c => c.Id == contactId && c.SenderCodeId == senderCodeId, ct);
        if (contact is null)
        {
            return null;
        }

        var code = await db.SenderCodes.AsNoTracking().SingleAsync(s => s.Id == senderCodeId, ct);
        var events = await db.ConsentEvents.AsNoTracking().Where(e => e.ContactId == contactId)
            .OrderBy(e => e.OccurredUtc).ThenBy(e => e.Id).ToListAsync(ct);

        var importIds = events.Where(e => e.ImportId is not null).Select(e => e.ImportId!.Value).Distinct().ToList();
        var imports = await db.Imports.AsNoTracking().Where(i => importIds.Contains(i.Id))
            .Select(i => new { i.Id, i.OriginalFileName, i.Settings.ConsentNote }).ToDictionaryAsync(i => i.Id, ct);
        var sids = events.Where(e => e.MessageSid is not null).Select(e => e.MessageSid!).Distinct().ToList();
        var texts = await db.Messages.AsNoTracking()
            .Where(m => m.ProviderMessageId != null && sids.Contains(m.ProviderMessageId) && m.Direction == MessageDirection.Inbound)
            .Select(m => new { m.ProviderMessageId, m.Body }).ToDictionaryAsync(m => m.ProviderMessageId!, m => m.Body, ct);

        var receiptEvents = events.Select((e, i) =>
        {
            var import = e.ImportId is { } id ? imports.GetValueOrDefault(id) : null;
            return new ReceiptEvent(
                i + 1,
                e.OccurredUtc,
                e.Change,
                e.ListName,
                ConsentStates.Readable(e.StateBefore),
                ConsentStates.Readable(e.StateAfter),
                e.Source.DisplayName(),
                e.UserName,
                e.UserId,
                e.MessageSid,
                e.MessageSid is { } sid ? texts.GetValueOrDefault(sid) : null,
                e.ImportId,
                import?.OriginalFileName,
                // An import's note is where the consent of its own events came from; an undo of it (a user's action) has none of its own.
                e.ConsentNote ?? (e.Source == ConsentSource.Import ? import?.ConsentNote : null),
                e.Method?.DisplayName());
        }).ToList();

        return new ConsentRecord(contact.Phone, code.Code, code.Name, contact.CreatedUtc, ContactConsent.StateOf(contact), ListsOf(contact, events), receiptEvents);
    }

    /// <summary>The lists the number is on now (their subscription says), then every other list its history names (its last event there says).</summary>
    private static List<ReceiptList> ListsOf(Contact contact, List<ConsentEvent> events)
    {
        var lists = contact.Subscriptions
            .OrderBy(s => s.List!.Name, StringComparer.Ordinal)
            .Select(s => new ReceiptList(s.List!.Name, ConsentStates.Of(s.Status), events.LastOrDefault(e => e.ListId == s.ListId)?.OccurredUtc ?? s.SubscribedUtc))
            .ToList();
        var current = contact.Subscriptions.Select(s => s.ListId).ToHashSet();
        foreach (var last in events.Where(e => e.ListId is { } id && !current.Contains(id)).GroupBy(e => e.ListId).Select(g => g.Last()).OrderBy(e => e.ListName, StringComparer.Ordinal))
        {
            lists.Add(new ReceiptList(last.ListName ?? $"List {last.ListId}", ConsentStates.Readable(last.StateAfter), last.OccurredUtc));
        }

        return lists;
    }
}
