"""Replays tensor programs written by TorchParityTests in PyTorch (float64) and prints the results as JSON.

Reads a JSON file of programs (argv[1]); writes {"results": [{"value": ..., "grads": [[...], ...]}, ...]} to stdout.
"""
import json
import sys

import torch


def run(program):
    leaves = [
        torch.tensor(leaf["data"], dtype=torch.float64).reshape(leaf["rows"], leaf["cols"]).requires_grad_(True)
        for leaf in program["leaves"]
    ]
    nodes = list(leaves)
    for step in program["steps"]:
        op, c = step["op"], step.get("c", 0.0)
        a = nodes[step["a"]] if "a" in step else None
        b = nodes[step["b"]] if "b" in step else None
        if op == "matmul":
            result = a @ b
        elif op == "add":
            result = a + b
        elif op == "sub":
            result = a - b
        elif op == "mul":
            result = a * b
        elif op == "add_const":
            result = a + c
        elif op == "mul_const":
            result = a * c
        elif op == "const_sub":
            result = c - a
        elif op == "relu":
            result = torch.relu(a)
        elif op == "tanh":
            result = torch.tanh(a)
        elif op == "sigmoid":
            result = torch.sigmoid(a)
        elif op == "exp":
            result = torch.exp(a)
        elif op == "log":
            result = torch.log(a)
        elif op == "softmax":
            result = torch.softmax(a, dim=1)
        elif op == "transpose":
            result = a.t()
        elif op == "sum":
            result = a.sum().reshape(1, 1)
        elif op == "mean":
            result = a.mean().reshape(1, 1)
        else:
            raise ValueError(f"unknown op {op}")
        nodes.append(result)
    output = nodes[-1]
    output.backward()
    return {
        "value": output.item(),
        # A leaf the program never used gets no gradient in PyTorch; here it has zeros.
        "grads": [(leaf.grad if leaf.grad is not None else torch.zeros_like(leaf)).reshape(-1).tolist() for leaf in leaves],
    }


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        programs = json.load(f)["programs"]
    json.dump({"results": [run(p) for p in programs]}, sys.stdout)


if __name__ == "__main__":
    main()
