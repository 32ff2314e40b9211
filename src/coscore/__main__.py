from coscore.cli import main

main()
