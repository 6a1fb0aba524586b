using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Security;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.Inbound;

/// <summary>
/// Admin: "Simulate inbound text", for demos and local use. The text goes through the same handler as the
/// provider's webhook, so what it changes (consent, message activity, welcome messages) is real.
/// </summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/inbound")]
public sealed class InboundController(InboundMessageHandler handler) : Controller
{
    [HttpGet("simulate")]
    public IActionResult Simulate(SenderCodeOption senderCode, string? from)
    {
        ViewData["SenderCode"] = senderCode;
        return View(new SimulateInboundForm { From = from ?? "" });
    }

    [HttpPost("simulate")]
    public async Task<IActionResult> Send(SenderCodeOption senderCode, SimulateInboundForm form, [FromServices] IValidator<SimulateInboundForm> validator, CancellationToken ct)
    {
        form.CountryCode = senderCode.CountryCode;
        if (!await validator.ValidateIntoAsync(form, ModelState, ct))
        {
            ViewData["SenderCode"] = senderCode;
            return View(nameof(Simulate), form);
        }

        var sid = "SIM" + Guid.NewGuid().ToString("N");
        var actor = new ConsentActor(ConsentSource.InboundText, User.FindFirstValue(ClaimTypes.NameIdentifier), User.Identity?.Name, sid);
        var result = await handler.HandleAsync(new InboundText(sid, form.From!, senderCode.Code, form.Body!, form.OptOutType), actor, CancellationToken.None);

        TempData["SimulatedText"] = form.Body;
        TempData["SimulatedOutcome"] = result.Description + (result.WelcomeMessagesQueued > 0 ? $" Welcome message queued ({result.WelcomeMessagesQueued})." : "");
        TempData["SimulatedReply"] = result.Reply ?? "";
        return Redirect($"/admin/inbound/simulate?from={Uri.EscapeDataString(result.Phone ?? form.From!)}");
    }
}
