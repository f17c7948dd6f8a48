;;; tokens.el --- personal values kept out of the public .spacemacs
(defvar my/mail-address "gabriela.mafra@gmail.example")
(defvar my/github-token "not-a-real-token")
(setq auth-sources '("~/.emacs.d/private/authinfo.gpg"))
