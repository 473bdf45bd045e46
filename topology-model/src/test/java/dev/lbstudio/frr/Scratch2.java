package dev.lbstudio.frr;
public class Scratch2 {
    public static void main(String[] a) throws Exception {
        StringBuilder b = new StringBuilder("frr version 8.4\nrouter bgp 65001\n");
        for (int i = 0; i < 400; i++) {
            b.append(" neighbor 10.1.").append(i / 200).append('.').append(i % 200).append(" remote-as 65000\n");
            b.append(" neighbor 10.1.").append(i / 200).append('.').append(i % 200).append(" description x\n");
        }
        b.append(" address-family ipv4 unicast\n");
        for (int i = 0; i < 400; i++) {
            b.append("  neighbor 10.1.").append(i / 200).append('.').append(i % 200).append(" route-map A in\n");
        }
        b.append(" exit-address-family\nexit\n");
        for (int i = 0; i < 400; i++) b.append("ip prefix-list P seq ").append(i + 1).append(" permit 10.").append(i % 250).append(".0.0/16 le 32\n");
        String t = b.toString();
        System.out.println(t.split("\n").length + " lines");
        for (int k = 0; k < 5; k++) {
            long s = System.nanoTime();
            for (int j = 0; j < 40; j++) FrrReader.read(t, (l, m) -> { });
            System.out.println((System.nanoTime() - s) / 1_000_000 + " ms for 40");
        }
    }
}
