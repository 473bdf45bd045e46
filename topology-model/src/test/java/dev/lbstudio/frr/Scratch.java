package dev.lbstudio.frr;
public class Scratch {
    public static void main(String[] a) {
        Fixtures.Read r = Fixtures.read(Fixtures.text(a[0]));
        r.warnings().forEach(System.out::println);
        System.out.println(FrrWriter.write(r.config(), "tor1", null, java.util.List.of()));
        var c = FrrToModel.convert(r.config(), "", (l, m) -> System.out.println("CONV " + l + ": " + m));
        System.out.println(c.bgp());
        c.bgp().neighbors().forEach(System.out::println);
        System.out.println(c.frr());
    }
}
