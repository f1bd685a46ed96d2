using System.Globalization;
using Players.Data;

namespace Players.Api.Database;

/// <summary>A database setting that counts something: unset means its default, anything but a whole number above 0 is refused.</summary>
internal static class WholeNumberSetting
{
    /// <exception cref="DatabaseConfigurationException">The value is set but not a whole number greater than 0.</exception>
    public static int Read(IConfiguration configuration, string key, int defaultValue, string unit)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return defaultValue;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new DatabaseConfigurationException($"Invalid {key} '{value}': write a whole number of {unit} greater than 0.");
    }
}
