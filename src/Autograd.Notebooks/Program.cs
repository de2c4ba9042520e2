using Autograd.Notebooks.Cli;

// Exit explicitly: a cell that timed out inside this process may still be running on a thread of its own.
Environment.Exit(await NotebookTool.RunAsync(args, Console.Out));
