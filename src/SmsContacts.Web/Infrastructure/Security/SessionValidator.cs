using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Data;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Infrastructure.Security;

/// <summary>
/// Checks the sign-in cookie against the database on every request, on every instance: the cookie's
/// security stamp must still be the user's, and the user must not be disabled. The stamp changes when
/// the user signs out, changes or resets their password, is disabled, or gets another role, so every copy
/// of an older cookie (another tab, another device, a stolen one) stops working at its next request.
/// One primary-key read per signed-in request; nothing is cached, so "disabled" means now. The same read
/// gives the user's time zone to <see cref="DateDisplay"/>.
/// </summary>
public static class SessionValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stampClaimType = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var stamp = principal?.FindFirstValue(stampClaimType);
        if (userId is not null && stamp is not null)
        {
            var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
            var current = await db.Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new { u.SecurityStamp, u.IsDisabled, u.TimeZoneId })
                .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
            if (current is { IsDisabled: false } && string.Equals(current.SecurityStamp, stamp, StringComparison.Ordinal))
            {
                // The same read gives the user's time zone, so every date on the page is shown in it at no extra cost.
                await DateDisplay.RememberAsync(context.HttpContext, db, current.TimeZoneId, context.HttpContext.RequestAborted);
                return;
            }
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
