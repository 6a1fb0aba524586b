using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace SmsContacts.Web.Infrastructure.Web;

public static class DisplayExtensions
{
    /// <summary>An enum value as the UI words it ([Display(Name)] when set, else its name).</summary>
    public static string DisplayName(this Enum value) =>
        value.GetType().GetField(value.ToString())?.GetCustomAttribute<DisplayAttribute>()?.Name ?? value.ToString();

    /// <summary>Timestamps are stored and shown in UTC, and say so.</summary>
    public static string ToDisplay(this DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
