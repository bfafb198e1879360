package io.vfiorig.agent.result;

/** A test's verdict. ERROR is an infrastructure error (not a kernel finding), SKIP says why not run. */
public enum TestStatus { PASS, FAIL, SKIP, ERROR }
