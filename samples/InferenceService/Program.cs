// A service that serves the deployment described by its manifest. The attribute lets DeployLint check, in the IDE
// and the build, that the manifest the service names exists; the build checks the plan itself.
[assembly: DeployLint.DeploymentManifest("deploy/prod.deploy.yaml")]

var manifest = Path.Combine(AppContext.BaseDirectory, "deploy", "prod.deploy.yaml");
Console.WriteLine($"inference service: serving the plan in {manifest}");
