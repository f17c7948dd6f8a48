(("default" . ((user-emacs-directory . "~/.config/personal-emacs")))
 ("doom"    . ((user-emacs-directory . "~/doom-emacs")
               (env . (("DOOMDIR" . "~/.doom.d")))))
 ("vanilla" . ((user-emacs-directory . "~/.config/vanilla"))))
