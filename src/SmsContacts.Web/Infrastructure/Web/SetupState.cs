using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;

namespace SmsContacts.Web.Infrastructure.Web;

/// <summary>
/// Whether anybody can sign in yet. Until the first user exists every page leads to the one-time
/// setup page; once one exists, that answer never changes (users are disabled, not deleted).
/// </summary>
public sealed class SetupState
{
    private volatile bool _hasUsers;

    public async Task<bool> HasUsersAsync(AppDbContext db, CancellationToken ct)
    {
        if (!_hasUsers)
        {
            _hasUsers = await db.Users.AnyAsync(ct);
        }

        return _hasUsers;
    }
}

public static class FirstAdminSetupMiddleware
{
    public const string SetupPath = "/account/setup";

    public static IApplicationBuilder UseFirstAdminSetup(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            var exempt = path.StartsWithSegments(SetupPath) || path.StartsWithSegments("/health")
                || path.StartsWithSegments("/webhooks") || path.StartsWithSegments("/error");
            if (!exempt)
            {
                var state = context.RequestServices.GetRequiredService<SetupState>();
                var db = context.RequestServices.GetRequiredService<AppDbContext>();
                if (!await state.HasUsersAsync(db, context.RequestAborted))
                {
                    context.Response.Redirect(SetupPath);
                    return;
                }
            }

            await next();
        });
}
