using CsvHelper;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Export;
using SmsContacts.Web.Infrastructure.Csv;

namespace SmsContacts.Web.Features.MessageActivity;

/// <summary>
/// Export Contact Data, in the seed's layout: the contact's Phone Number, Last Send Date and Subscribe
/// Date (Opt-Out Date for an opted-out contact) on every row, then one message per row, in the outbound
/// or the inbound columns by its direction. Delivery Date is when the carrier delivered it (or we
/// received it); Timestamp is when it was sent or received.
/// </summary>
public static class ActivityCsv
{
    public static IReadOnlyList<string> Columns(bool optedOut) =>
    [
        "Phone Number", "Last Send Date", optedOut ? "Opt-Out Date" : "Subscribe Date",
        "Outbound Message Activity", "Outbound Message Delivery Date", "Outbound Message Timestamp",
        "Inbound Message Activity", "Inbound Message Delivery Date", "Inbound Message Timestamp",
        "Delivery Status",
    ];

    public static async Task WriteAsync(Stream destination, ActivityContact contact, IAsyncEnumerable<ActivityMessage> messages, CancellationToken ct)
    {
        var optedOut = contact.OptedOutUtc is not null;
        await using var csv = CsvWriter.Create(destination, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true);
        csv.WriteHeader(Columns(optedOut).ToArray());

        var any = false;
        await foreach (var message in messages.WithCancellation(ct))
        {
            any = true;
            WriteContact(csv, contact, optedOut);
            var outbound = message.Direction == MessageDirection.Outbound;
            if (!outbound)
            {
                Empty(csv, 3);
            }

            Text(csv, outbound ? EmojiCodes.Replace(message.Body) : message.Body);
            Date(csv, message.DeliveredUtc);
            Timestamp(csv, message.CreatedUtc);
            if (outbound)
            {
                Empty(csv, 3);
            }

            csv.WriteField(message.DeliveryStatusText);
            await csv.EndRecordAsync(ct);
        }

        if (!any)
        {
            // No messages: one row still says whose file this is.
            WriteContact(csv, contact, optedOut);
            Empty(csv, 7);
            await csv.EndRecordAsync(ct);
        }

        await csv.FlushAsync(ct);
    }

    private static void WriteContact(CsvWriter csv, ActivityContact contact, bool optedOut)
    {
        Text(csv, contact.Phone);
        Timestamp(csv, contact.LastSendUtc);
        Timestamp(csv, optedOut ? contact.OptedOutUtc : contact.FirstSubscribedUtc);
    }

    private static void Text(CsvWriter csv, string value) => csv.WriteField(CsvFormulaGuard.Neutralize(value));

    private static void Timestamp(CsvWriter csv, DateTime? utc)
    {
        if (utc is { } value)
        {
            csv.WriteField(value, ContactExportWriter.TimestampFormat);
        }
        else
        {
            csv.WriteField("");
        }
    }

    private static void Date(CsvWriter csv, DateTime? utc)
    {
        if (utc is { } value)
        {
            csv.WriteField(value, ContactExportWriter.DateFormat);
        }
        else
        {
            csv.WriteField("");
        }
    }

    private static void Empty(CsvWriter csv, int count)
    {
        for (var i = 0; i < count; i++)
        {
            csv.WriteField("");
        }
    }
}
