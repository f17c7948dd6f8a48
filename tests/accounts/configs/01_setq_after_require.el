;; The mu4e manual's shape: require, then a setq of a list of contexts.
(require 'mu4e)
(require 'smtpmail)
(setq mu4e-contexts
      (list
       (make-mu4e-context
        :name "Private"
        :enter-func (lambda () (mu4e-message "Entering Private context"))
        :leave-func (lambda () (mu4e-message "Leaving Private context"))
        :match-func (lambda (msg)
                      (when msg
                        (mu4e-message-contact-field-matches msg :to "aliced@home.example.com")))
        :vars '((user-mail-address . "aliced@home.example.com")
                (user-full-name . "Alice Derleth")
                (mu4e-compose-signature . "Alice Derleth\n")))
       (make-mu4e-context
        :name "Work"
        :enter-func (lambda () (mu4e-message "Switch to the Work context"))
        :match-func (lambda (msg)
                      (when msg
                        (mu4e-message-contact-field-matches msg :to "aderleth@miskatonic.example.com")))
        :vars '((user-mail-address . "aderleth@miskatonic.example.com")
                (user-full-name . "Alice Derleth")
                (smtpmail-smtp-server . "smtp.miskatonic.example.com")
                (smtpmail-smtp-service . 587)
                (mu4e-compose-signature . (concat "Prof. Alice Derleth\n" "Miskatonic University\n"))))))
(setq mu4e-context-policy 'pick-first
      mu4e-compose-context-policy nil)
(setq send-mail-function 'smtpmail-send-it
      message-send-mail-function 'smtpmail-send-it)
