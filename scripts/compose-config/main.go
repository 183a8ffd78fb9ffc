// compose-config loads compose files the way `docker compose config` does (compose-go: interpolation, env
// files, extends, merge of overrides, profiles) and prints each service's resolved image, command,
// environment and healthcheck as JSON, so tests can check a compose stack without a Docker engine.
//
//	compose-config -f docker/compose.yaml [-f docker/compose.prod.yaml]
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
)

type files []string

func (f *files) String() string     { return strings.Join(*f, ",") }
func (f *files) Set(v string) error { *f = append(*f, v); return nil }

type service struct {
	Image       string             `json:"image,omitempty"`
	Build       bool               `json:"build"`
	Entrypoint  []string           `json:"entrypoint,omitempty"`
	Command     []string           `json:"command,omitempty"`
	Environment map[string]*string `json:"environment"`
	Healthcheck []string           `json:"healthcheck,omitempty"`
	DependsOn   map[string]string  `json:"depends_on,omitempty"`
	Secrets     []string           `json:"secrets,omitempty"`
	Ports       []string           `json:"ports,omitempty"`
	User        string             `json:"user,omitempty"`
	Restart     string             `json:"restart,omitempty"`
}

func main() {
	var configFiles files
	flag.Var(&configFiles, "f", "compose file (repeatable, later files override earlier ones)")
	flag.Parse()
	if len(configFiles) == 0 {
		fmt.Fprintln(os.Stderr, "compose-config: pass at least one -f FILE")
		os.Exit(2)
	}
	options, err := cli.NewProjectOptions(configFiles, cli.WithOsEnv, cli.WithDotEnv, cli.WithResolvedPaths(true))
	if err != nil {
		fail(err)
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}
	out := map[string]service{}
	for name, s := range project.Services {
		resolved := service{
			Image:       s.Image,
			Build:       s.Build != nil,
			Entrypoint:  s.Entrypoint,
			Command:     s.Command,
			Environment: map[string]*string(s.Environment),
			User:        s.User,
			Restart:     s.Restart,
			DependsOn:   map[string]string{},
		}
		if s.HealthCheck != nil && !s.HealthCheck.Disable {
			resolved.Healthcheck = s.HealthCheck.Test
		}
		for dep, config := range s.DependsOn {
			resolved.DependsOn[dep] = config.Condition
		}
		for _, secret := range s.Secrets {
			resolved.Secrets = append(resolved.Secrets, secret.Source)
		}
		for _, port := range s.Ports {
			resolved.Ports = append(resolved.Ports, fmt.Sprintf("%s:%s->%d", port.HostIP, port.Published, port.Target))
		}
		out[name] = resolved
	}
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetIndent("", "  ")
	if err := encoder.Encode(map[string]any{"name": project.Name, "services": out}); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "compose-config: %v\n", err)
	os.Exit(1)
}
