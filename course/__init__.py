"""The course machinery: exercises, the autograder and the `course` command."""
