import Surrogate

/// The surrogate configuration of `train` and `evaluate`: the defaults, then `--settings`
/// (`trees=200 wl=2 members=ridge:1,gbdt:2 ...`, see `SurrogateConfig.settingKeys`).
enum SurrogateSettings {
    static let option = OptionSpec.option("--settings", value: "TEXT",
                                          help: "Surrogate settings, e.g. \"trees=200 wl=2\" (keys: \(SurrogateConfig.settingKeys.joined(separator: ", "))).")

    static func config(_ args: ParsedArguments) throws -> SurrogateConfig {
        var config = SurrogateConfig()
        if let text = args.value("settings") {
            do { try config.apply(settings: text) } catch { throw UsageError("--settings: \(error)") }
        }
        return config
    }
}
