using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Security;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.TimeZone;

/// <summary>Each user's time zone for the dates on screen; admins also set the default for new users.</summary>
public sealed class TimeZoneController(TimeZoneSettings settings, DateDisplay dates) : Controller
{
    [HttpGet("account/time-zone")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var choice = dates.Choice;
        return View(new TimeZonePage(choice.ZoneId, choice.ChosenByUser, await settings.SiteDefaultAsync(ct), User.IsInRole(nameof(UserRole.Admin)), TimeZones.Choices));
    }

    /// <summary>The user's pick, from this page or from the offer of the browser's zone on every page until one is picked.</summary>
    [HttpPost("account/time-zone")]
    public async Task<IActionResult> Choose(string? timeZoneId, string? returnUrl, CancellationToken ct)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || !await settings.SetUserZoneAsync(userId, timeZoneId, ct))
        {
            TempData["Error"] = $"\"{timeZoneId}\" is not a time zone this app knows; pick one from the list.";
            return RedirectToAction(nameof(Index));
        }

        TempData["Success"] = $"Dates are now shown in {timeZoneId!.Trim()}.";
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/account/time-zone");
    }

    [Authorize(Policy = Policies.Admin)]
    [HttpPost("admin/time-zone")]
    public async Task<IActionResult> SiteDefault(string? timeZoneId, CancellationToken ct)
    {
        if (!await settings.SetSiteDefaultAsync(timeZoneId, ct))
        {
            TempData["Error"] = $"\"{timeZoneId}\" is not a time zone this app knows; pick one from the list.";
        }
        else
        {
            TempData["Success"] = $"Users who have not picked a time zone now see dates in {timeZoneId!.Trim()}.";
        }

        return RedirectToAction(nameof(Index));
    }
}
