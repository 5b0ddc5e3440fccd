/* Start (last file of the compiled script): everything above only declares. */
void Painel.iniciar();
