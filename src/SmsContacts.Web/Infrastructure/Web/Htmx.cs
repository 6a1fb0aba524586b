namespace SmsContacts.Web.Infrastructure.Web;

public static class Htmx
{
    /// <summary>Tells the dashboard (site.js) that contacts changed, so it reloads the grid behind the popup.</summary>
    public const string ContactsChangedEvent = "contacts-changed";

    /// <summary>
    /// An htmx request (a popup or the live grid) gets a fragment; anything else gets the full page.
    /// The answer varies on the header, so no cache hands a fragment to a full navigation.
    /// </summary>
    public static bool IsHtmx(this HttpContext context)
    {
        if (!context.Response.Headers.Vary.Contains("HX-Request"))
        {
            context.Response.Headers.Append("Vary", "HX-Request");
        }

        return context.Request.Headers.ContainsKey("HX-Request");
    }

    public static void TriggerContactsChanged(this HttpResponse response) => response.Headers["HX-Trigger"] = ContactsChangedEvent;
}
