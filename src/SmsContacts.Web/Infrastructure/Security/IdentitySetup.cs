using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Infrastructure.Security;

public static class Policies
{
    public const string Admin = "Admin";
}

public static class IdentitySetup
{
    public static readonly TimeSpan PasswordResetLinkLifetime = TimeSpan.FromHours(24);

    public static IServiceCollection AddAppIdentity(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B).
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                // No lockout that an attacker can set off: SignInLimiter slows guessing down instead.
                options.Lockout.AllowedForNewUsers = false;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>();

        // A password reset link (Users > Send password reset link) works for a day, and once: using it changes
        // the security stamp the token is bound to. So does sending a newer link.
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = PasswordResetLinkLifetime);

        services.AddScoped<SignInLimiter>();
        services.AddSingleton<DeviceCookies>();

        // Keys live in the database so that every app instance can read every other's cookies and anti-forgery tokens.
        services.AddDataProtection()
            .SetApplicationName("SmsContacts")
            .PersistKeysToDbContext<AppDbContext>();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.Cookie.Name = "SmsContacts.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);

            // Every request, on every instance: a disabled user, or a cookie from before a sign-out, is refused now.
            options.Events.OnValidatePrincipal = SessionValidator.ValidateAsync;

            // Signed in but not allowed: answer 403 (rendered by the status-code page) instead of redirecting.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "SmsContacts.Antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(nameof(UserRole.Admin)));

        return services;
    }
}
