package io.dynamicmcp.crash.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamicmcp.crash.dump.TinyElf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleObjectTest {

    @TempDir
    Path folder;

    @Test
    void readsNameVermagicAndBuildId() throws Exception {
        Path ko = Files.write(folder.resolve("dmz_zoo.ko"), new TinyElf()
                .modinfo("license=GPL", "name=dmz_zoo", "vermagic=6.1.0-57-cloud-amd64 SMP preempt mod_unload modversions ")
                .buildId("89fd2f322065419a0dd7a75b3a2b16794e688ec6").bytes());
        ModuleObject object = ModuleObject.read(ko).orElseThrow();
        assertEquals(Optional.of("dmz_zoo"), object.name());
        assertEquals(Optional.of("6.1.0-57-cloud-amd64"), object.vermagicRelease());
        assertEquals(Optional.of("89fd2f322065419a0dd7a75b3a2b16794e688ec6"), object.buildId());
    }

    @Test
    void aDebugOnlyFileKeepsNoModinfo() throws Exception {
        Path ko = Files.write(folder.resolve("loop.ko.debug"), new TinyElf()
                .section(".modinfo", TinyElf.NOBITS, new byte[0]).buildId("3521790123").bytes());
        ModuleObject object = ModuleObject.read(ko).orElseThrow();
        assertTrue(object.modinfo().isEmpty(), object.toString());
        assertEquals(Optional.of("3521790123"), object.buildId());
    }

    @Test
    void notElfIsNothing() throws Exception {
        assertEquals(Optional.empty(), ModuleObject.read(Files.writeString(folder.resolve("x.ko"), "#!/bin/sh\n")));
    }
}
