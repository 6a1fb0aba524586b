using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace SmsContacts.Web.Infrastructure.Web;

/// <summary>
/// Settings of the "ForwardedHeaders" section: the reverse proxies (docker-compose's nginx) whose
/// X-Forwarded-For and X-Forwarded-Proto the app believes. Both empty: only a proxy on this machine
/// (127.0.0.0/8, ::1) is believed. Either set: exactly the addresses given.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>IP addresses of trusted proxies, such as <c>172.30.172.10</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Trusted proxy networks in CIDR form, such as <c>172.30.172.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool IsValid => KnownProxies.All(p => IPAddress.TryParse(p, out _)) && KnownNetworks.All(n => IPNetwork.TryParse(n, out _));
}

/// <summary>
/// Headers every response carries, and the proxy headers every request is read with. The policy is strict
/// (no inline script or style, nothing from another origin): every script lives in wwwroot/js, and a browser
/// test fails on any violation the main pages report.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The app's own pages.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Hangfire's dashboard (admins only, at /jobs) adds an inline style element to its pages (its charts);
    /// its scripts are files like ours, so script stays as strict as on every other page (browser test).
    /// </summary>
    public const string JobsDashboardContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
        + "microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), xr-spatial-tracking=()";

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section)
            .Validate(o => o.IsValid, "ForwardedHeaders:KnownProxies takes IP addresses and ForwardedHeaders:KnownNetworks CIDR ranges (10.0.0.0/8).")
            .ValidateOnStart();
        var proxies = configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (proxies.KnownProxies.Length > 0 || proxies.KnownNetworks.Length > 0)
            {
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                foreach (var proxy in proxies.KnownProxies)
                {
                    if (IPAddress.TryParse(proxy, out var address))
                    {
                        options.KnownProxies.Add(address);
                    }
                }

                foreach (var network in proxies.KnownNetworks)
                {
                    if (IPNetwork.TryParse(network, out var range))
                    {
                        options.KnownIPNetworks.Add(range);
                    }
                }
            }
        });

        // Browsers keep to HTTPS for a year once they have seen the app over HTTPS (never sent over plain HTTP,
        // nor for localhost). Subdomains are left alone: they may be other people's services.
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
        });
        return services;
    }

    /// <summary>
    /// First in the pipeline: scheme and client address from the trusted proxy (so cookies are Secure behind
    /// TLS, and per-address sign-in limits see the client, not nginx), then HSTS over HTTPS, then the headers.
    /// </summary>
    public static IApplicationBuilder UseProxyAndSecurityHeaders(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        app.UseHsts();
        return app.Use((context, next) =>
        {
            // Set as the answer starts, not now: the exception handler clears the headers of a failed answer
            // before it writes the error page, and that page needs them as much as any other.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                // Hangfire's dashboard is a branch: there /jobs is the PathBase, not part of the Path.
                headers.ContentSecurityPolicy = context.Request.PathBase.Add(context.Request.Path).StartsWithSegments("/jobs")
                    ? JobsDashboardContentSecurityPolicy
                    : ContentSecurityPolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
