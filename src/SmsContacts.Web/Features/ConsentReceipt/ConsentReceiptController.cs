using Microsoft.AspNetCore.Mvc;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.ConsentReceipt;

/// <summary>
/// Contact Details > Consent receipt: one number's consent record as a PDF or a CSV, for the sender code picked in the
/// navigation (a contact of another sender code is a 404, like a missing one). Both carry the record's SHA-256.
/// </summary>
[Route("contacts/{contactId:long}/consent-receipt")]
public sealed class ConsentReceiptController(ConsentRecords records, TimeProvider clock) : Controller
{
    [HttpGet("")]
    [HttpGet("pdf")]
    public async Task<IActionResult> Pdf(SenderCodeOption senderCode, long contactId, CancellationToken ct)
    {
        if (await records.ReadAsync(senderCode.Id, contactId, ct) is not { } record)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(ConsentReceiptPdf.Write(record, clock.GetUtcNow().UtcDateTime), "application/pdf", $"consent-receipt-{record.Phone.TrimStart('+')}.pdf");
    }

    [HttpGet("csv")]
    public async Task<IActionResult> Csv(SenderCodeOption senderCode, long contactId, CancellationToken ct)
    {
        if (await records.ReadAsync(senderCode.Id, contactId, ct) is not { } record)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File([.. record.Csv(), .. record.DigestLine()], "text/csv; charset=utf-8", $"consent-receipt-{record.Phone.TrimStart('+')}.csv");
    }
}
