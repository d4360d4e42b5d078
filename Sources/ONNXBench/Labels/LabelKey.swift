/// Names of the values in `LabelRecord.labels`. Accuracies are always in percent (accuracy
/// points), whatever unit the source used; parameter counts and FLOPs keep the source's unit,
/// which the name states. PROVENANCE.md says where each one comes from.
public enum LabelKey {
    // NAS-Bench-201, official table: test accuracy after 200 epochs, mean over seeds.
    public static let cifar10TestAccuracy200 = "cifar10_test_acc_200ep"
    public static let cifar100TestAccuracy200 = "cifar100_test_acc_200ep"
    public static let imageNet16TestAccuracy200 = "imagenet16_120_test_acc_200ep"

    // NAS-Bench-101: validation accuracy after 4/12/36/108 epochs (one training run).
    public static let validationAccuracy4 = "val_acc_4ep"
    public static let validationAccuracy12 = "val_acc_12ep"
    public static let validationAccuracy36 = "val_acc_36ep"
    public static let validationAccuracy108 = "val_acc_108ep"
    /// Exact trainable-parameter count of the official NB101 CIFAR-10 network.
    public static let trainableParameters = "trainable_parameters"

    // NASLib measurements of its own PyTorch networks.
    /// Parameters in millions.
    public static let paramsMillions = "params_m"
    /// FLOPs in millions (MFLOPs), as NASLib counts them.
    public static let flopsMillions = "flops_m"

    // NAS-Bench-301: the v1.0 surrogate's predicted validation accuracy (not a training run).
    public static let nb301SurrogateValidationAccuracy = "val_acc_nb301_surrogate"

    // NAS-Bench-201 as stored by NASLib: validation accuracy, params and FLOPs per dataset.
    public static let cifar10ValidationAccuracy = "cifar10_val_acc"
    public static let cifar100ValidationAccuracy = "cifar100_val_acc"
    public static let imageNet16ValidationAccuracy = "imagenet16_120_val_acc"
    public static let cifar10ParamsMillions = "cifar10_params_m"
    public static let cifar100ParamsMillions = "cifar100_params_m"
    public static let imageNet16ParamsMillions = "imagenet16_120_params_m"
    public static let cifar10FlopsMillions = "cifar10_flops_m"
    public static let cifar100FlopsMillions = "cifar100_flops_m"
    public static let imageNet16FlopsMillions = "imagenet16_120_flops_m"
}
