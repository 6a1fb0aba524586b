using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SmsContacts.Web.Domain;
using Twilio.TwiML;

namespace SmsContacts.Web.Features.Inbound;

/// <summary>The SMS provider's webhooks (Twilio's form posts): inbound texts and delivery receipts.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[RequireTwilioSignature]
[Route("webhooks/sms")]
public sealed class SmsWebhooksController(InboundMessageHandler inbound, DeliveryReceipts receipts) : ControllerBase
{
    /// <summary>An inbound text; the answer is TwiML carrying our reply, if any.</summary>
    [HttpPost("inbound")]
    public async Task<IActionResult> Inbound([FromForm] InboundWebhookForm form)
    {
        if (string.IsNullOrWhiteSpace(form.MessageSid) || string.IsNullOrWhiteSpace(form.From) || string.IsNullOrWhiteSpace(form.To))
        {
            return BadRequestText("MessageSid, From and To are required.");
        }

        // Not the request's token: once a STOP is being recorded, a provider that hangs up must not undo it.
        var result = await inbound.HandleAsync(
            new InboundText(form.MessageSid.Trim(), form.From, form.To, form.Body ?? "", form.OptOutType),
            new ConsentActor(ConsentSource.InboundText, MessageSid: form.MessageSid.Trim()),
            CancellationToken.None);

        var twiml = new MessagingResponse();
        if (result.Reply is not null)
        {
            twiml.Message(result.Reply);
        }

        return Content(twiml.ToString(), "application/xml");
    }

    /// <summary>A delivery receipt for one of our outbound texts.</summary>
    [HttpPost("status")]
    public async Task<IActionResult> Status([FromForm] StatusWebhookForm form)
    {
        if (string.IsNullOrWhiteSpace(form.MessageSid))
        {
            return BadRequestText("MessageSid is required.");
        }

        await receipts.ApplyAsync(form.MessageSid.Trim(), form.MessageStatus, form.ErrorCode, CancellationToken.None);
        return NoContent();
    }

    private ContentResult BadRequestText(string message) =>
        new() { StatusCode = StatusCodes.Status400BadRequest, Content = message, ContentType = "text/plain" };
}

/// <summary>The fields of Twilio's inbound message webhook we use (it posts more; they count in the signature only).</summary>
public sealed class InboundWebhookForm
{
    public string? MessageSid { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    /// <summary>Kept exactly as sent: a text of only spaces is stored as those spaces, not as nothing.</summary>
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? Body { get; set; }

    /// <summary>Twilio Advanced Opt-Out: STOP, START or HELP when the provider read the text as one of its keywords.</summary>
    public string? OptOutType { get; set; }
}

public sealed class StatusWebhookForm
{
    public string? MessageSid { get; set; }

    public string? MessageStatus { get; set; }

    public string? ErrorCode { get; set; }
}
